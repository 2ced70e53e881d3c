package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import org.junit.jupiter.api.Test;

/** Hosts to services and tenants, requests to personas and mailboxes, and the certificate's names. */
class NamesAndTargetsTest {
    private final World world = WorldLoader.builtIn();
    private final FrontDoorWorld fw = FrontDoorWorld.of(world);
    private final Site fra = world.site("fra").orElseThrow();
    private final Site amsterdam = world.site("nl-amsterdam").orElseThrow();

    @Test
    void hostsFindTheirServiceAndTenant() {
        assertThat(fw.names().match("Outlook.Office365.com:443").service().id()).isEqualTo("exchange");
        assertThat(fw.names().match("FRA-efz.ms-acdc.office.com.").service().id()).isEqualTo("exchange");
        assertThat(fw.names().match("portal.office.com").service().id()).isEqualTo("portal");
        ServiceNames.Match sp = fw.names().match("contoso-my.sharepoint.com");
        assertThat(sp.service().id()).isEqualTo("sharepoint");
        assertThat(sp.tenant()).isEqualTo("contoso");
        assertThat(fw.names().match("wingtip.sharepoint.cn").service().id()).isEqualTo("sharepoint-china");
        assertThat(fw.names().match("example.org")).isNull();
        assertThat(fw.names().match(null)).isNull();
    }

    @Test
    void exchangeRequestsProxyToTheTenantsMailbox() {
        RequestTarget byDefault = RequestTarget.resolve(fw, fra, "outlook.office365.com", "/owa/", null, null);
        assertThat(byDefault.persona()).isEqualTo(Persona.EXCHANGE);
        assertThat(byDefault.tenant().id()).isEqualTo("contoso");
        assertThat(byDefault.tenantSource()).isEqualTo("default");
        assertThat(byDefault.mailbox().id()).isEqualTo("us-des-moines");

        RequestTarget anchored = RequestTarget.resolve(fw, fra, "outlook.office365.com", "/EWS/Exchange.asmx",
                "SMTP:adele@fabrikam.onmicrosoft.com", null);
        assertThat(anchored.tenantSource()).isEqualTo("x-anchormailbox");
        assertThat(anchored.mailbox().id()).isEqualTo("ie-dublin");

        RequestTarget preferred = RequestTarget.resolve(fw, fra, "outlook.office365.com", "/owa/", null, "fabrikam");
        assertThat(preferred.mailbox().id()).isEqualTo("ie-dublin");

        RequestTarget byPath = RequestTarget.resolve(fw, fra, "127.64.0.1", "/mapi/emsmdb", null, null);
        assertThat(byPath.persona()).as("an Exchange path at a front door with no known host").isEqualTo(Persona.EXCHANGE);
    }

    @Test
    void otherServicesAnswerAsSharePointOrAPage() {
        RequestTarget sp = RequestTarget.resolve(fw, amsterdam, "fabrikam.sharepoint.com", "/", null, null);
        assertThat(sp.persona()).isEqualTo(Persona.SHAREPOINT);
        assertThat(sp.tenant().id()).isEqualTo("fabrikam");
        assertThat(sp.mailbox()).as("no backbone hop for SharePoint").isNull();
        assertThat(RequestTarget.resolve(fw, fra, "www.office.com", "/", null, null).persona()).isEqualTo(Persona.PORTAL);
        assertThat(RequestTarget.resolve(fw, amsterdam, "127.64.0.1", "/owa/", null, null).persona())
                .as("a datacenter is no Exchange front end").isEqualTo(Persona.PORTAL);
        assertThat(RequestTarget.tenantOfMailbox("nobody")).isEmpty();
    }

    @Test
    void theCertificateCoversEveryNameTheWorldAnswers() {
        assertThat(CertificateNames.of(world)).contains("outlook.office365.com", "outlook.ha.office365.com",
                "*.ms-acdc.office.com", "*.sharepoint.com", "*.clump.aa-rt.sharepoint.com", "*.farm.aa-rt.sharepoint.com",
                "office365.com", "*.office365.com", "*.partner.outlook.cn", "*.office365.us", "localhost")
                .doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).doesNotContain("{"));
    }
}
