package dev.geodns.testbed.resolvers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Reading dig and kdig output, following the CNAME chain, reading a question off the wire. */
class DigOutputTest {
    static final String DIG = """
            ; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> -b 127.0.6.77 @127.0.2.53 outlook.office365.com
            ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 50112
            ;; flags: qr rd ra; QUERY: 1, ANSWER: 5, AUTHORITY: 0, ADDITIONAL: 1

            ;; OPT PSEUDOSECTION:
            ; EDNS: version: 0, flags:; udp: 1232
            ; CLIENT-SUBNET: 127.0.6.0/24/24
            ;; QUESTION SECTION:
            ;outlook.office365.com.\t\tIN\tA

            ;; ANSWER SECTION:
            outlook.office365.com.\t300\tIN\tCNAME\toutlook.ha.office365.com.
            outlook.ha.office365.com. 60\tIN\tCNAME\toutlook.ms-acdc.office.com.
            outlook.ms-acdc.office.com. 27\tIN\tCNAME\tFRA-efz.ms-acdc.office.com.
            FRA-efz.ms-acdc.office.com. 8\tIN\tA\t198.18.63.1
            FRA-efz.ms-acdc.office.com. 7\tIN\tA\t198.18.63.2

            ;; Query time: 4 msec
            """;

    static final String KDIG = """
            ;; ->>HEADER<<- opcode: QUERY; status: NOERROR; id: 5551
            ;; Flags: qr rd ra; QUERY: 1; ANSWER: 3; AUTHORITY: 0; ADDITIONAL: 1

            ;; QUESTION SECTION:
            ;; contoso.sharepoint.com.\t\tIN\tA

            ;; ANSWER SECTION:
            contoso.sharepoint.com.\t3600\tIN\tCNAME\tcontoso.clump.aa-rt.sharepoint.com.
            contoso.clump.aa-rt.sharepoint.com.\t30\tIN\tCNAME\tus-boydton.farm.aa-rt.sharepoint.com.
            us-boydton.farm.aa-rt.sharepoint.com.\t60\tIN\tA\t198.18.0.1

            ;; Received 209 B
            """;

    @Test
    void digAnswerGivesChainAddressesTtlsAndScope() {
        StubAnswer a = DigOutput.parse("dig", "outlook.office365.com", DIG, Duration.ofMillis(4));
        assertThat(a.rcode()).isEqualTo("NOERROR");
        assertThat(a.ok()).isTrue();
        assertThat(a.cnameChain()).hasSize(3);
        assertThat(a.finalName()).isEqualTo("fra-efz.ms-acdc.office.com.");
        assertThat(a.addresses()).containsExactly(Lab.ip("198.18.63.1"), Lab.ip("198.18.63.2"));
        assertThat(a.addressTtl()).isEqualTo(7);
        assertThat(a.cnameTtl("OUTLOOK.ms-acdc.office.com")).isEqualTo(27);
        assertThat(a.ecsScope()).isEqualTo(24);
    }

    @Test
    void kdigAnswerIsReadTheSameWay() {
        StubAnswer a = DigOutput.parse("kdig", "contoso.sharepoint.com.", KDIG, Duration.ZERO);
        assertThat(a.finalName()).isEqualTo("us-boydton.farm.aa-rt.sharepoint.com.");
        assertThat(a.addresses()).containsExactly(Lab.ip("198.18.0.1"));
        assertThat(a.addressTtl()).isEqualTo(60);
        assertThat(a.ecsScope()).isNull();
    }

    @Test
    void noReplyIsTimeoutAndErrorsKeepTheirStatus() {
        assertThat(DigOutput.parse("dig", "x.example.", ";; connection timed out; no servers could be reached\n",
                Duration.ZERO).rcode()).isEqualTo("TIMEOUT");
        assertThat(DigOutput.parse("kdig", "x.example.", ";; ERROR: failed to query server 127.0.0.9@53(UDP)\n",
                Duration.ZERO).rcode()).isEqualTo("TIMEOUT");
        StubAnswer servfail = DigOutput.parse("dig", "x.example.",
                ";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 1\n", Duration.ZERO);
        assertThat(servfail.rcode()).isEqualTo("SERVFAIL");
        assertThat(servfail.ok()).isFalse();
        assertThat(servfail.addresses()).isEmpty();
        assertThat(servfail.addressTtl()).isEqualTo(-1);
    }

    @Test
    void wireTapReadsTheQuestionCaseAsSent() throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString("OutLOOK.office365.COM."), Type.AAAA, DClass.IN));
        String name = WireTap.questionName(m.toWire());
        assertThat(name).isEqualTo("OutLOOK.office365.COM.");
        assertThat(WireTap.mixedCase(name)).isTrue();
        assertThat(WireTap.mixedCase("outlook.office365.com.")).isFalse();
        assertThat(WireTap.questionName(new byte[12])).isNull();
    }
}
