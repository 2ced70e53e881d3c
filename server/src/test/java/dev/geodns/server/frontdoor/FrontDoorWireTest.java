package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.latency.Point;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Site;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS server and the front doors on the loopback answer plan, driven by real clients over
 * loopback only: dnsjava resolves from a Frankfurt and a Sydney source, curl follows the answer from
 * the same source address, the JDK's HttpClient trusts the lab CA.
 */
class FrontDoorWireTest {
    private static final String FRANKFURT = "127.0.1.77";
    private static final String SYDNEY = "127.0.4.77";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static FrontDoorLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = FrontDoorLab.start(dir.resolve("state"), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyFrontDoorBindsItsLoopbackAddresses() {
        assertThat(lab.doors.failures()).isEmpty();
        assertThat(lab.doors.skippedNonLoopback()).isZero();
        int addresses = lab.world.sites().stream().mapToInt(s -> s.ipv4().size()).sum();
        assertThat(lab.doors.listeners()).hasSize(2 * addresses);
        assertThat(lab.doors.addresses()).allSatisfy(a -> assertThat(LoopbackAnswerPlan.isLoopback(a.getAddress())).isTrue());
        assertThat(lab.doors.caPath()).exists();
        assertThat(lab.doors.truststorePath()).exists();
    }

    @Test
    void dnsSendsFrankfurtToFraAndSydneyToSyd() throws Exception {
        List<InetAddress> fra = lab.resolve("outlook.office365.com", FRANKFURT);
        List<InetAddress> syd = lab.resolve("outlook.office365.com", SYDNEY);
        assertThat(fra).hasSize(4).allSatisfy(a -> assertThat(lab.siteAt(a)).isEqualTo("fra"));
        assertThat(syd).hasSize(4).allSatisfy(a -> assertThat(lab.siteAt(a)).isEqualTo("syd"));
    }

    @Test
    void curlFollowsTheAnswerToAnExchangeFrontEndThatNamesTheMailboxSite() throws Exception {
        Curl.require();
        for (String[] c : new String[][] {{FRANKFURT, "FRA"}, {SYDNEY, "SYD"}}) {
            InetAddress a = lab.resolve("outlook.office365.com", c[0]).get(0);
            Curl.Result r = Curl.run(dir, null, "--interface", c[0], "--resolve",
                    "outlook.office365.com:" + lab.httpPort + ":" + a.getHostAddress(),
                    "http://outlook.office365.com:" + lab.httpPort + "/owa/");
            assertThat(r.exit()).as(r.written()).isZero();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-FEServer")).isEqualTo(c[1] + "-FE01");
            // contoso, the default tenant, keeps its mailboxes in Des Moines.
            assertThat(r.header("X-BEServer")).isEqualTo("US-DES-MOINES-MBX01");
            assertThat(r.header("X-CalculatedBETarget")).startsWith("us-des-moines-mbx01.contoso.");
            assertThat(r.body()).contains("Outlook on the web");
        }
    }

    @Test
    void theAnchorMailboxChoosesTheTenantAndHttpsWorksWithThePrintedCa() throws Exception {
        Curl.require();
        InetAddress a = lab.resolve("outlook.office365.com", FRANKFURT).get(0);
        Curl.Result r = Curl.run(dir, null, "--interface", FRANKFURT, "--cacert", lab.doors.caPath().toString(),
                "-H", "X-AnchorMailbox: SMTP:adele@fabrikam.onmicrosoft.com", "--resolve",
                "outlook.office365.com:" + lab.httpsPort + ":" + a.getHostAddress(),
                "https://outlook.office365.com:" + lab.httpsPort + "/owa/");
        assertThat(r.exit()).as(r.written()).isZero();
        assertThat(r.header("X-FEServer")).isEqualTo("FRA-FE01");
        assertThat(r.header("X-BEServer")).isEqualTo("IE-DUBLIN-MBX01");
        assertThat(r.header("X-GeoDNS-Tenant")).isEqualTo("fabrikam (x-anchormailbox)");
    }

    @Test
    void sharePointAnswersFromTheTenantsFarm() throws Exception {
        Curl.require();
        InetAddress a = lab.resolve("fabrikam.sharepoint.com", SYDNEY).get(0);
        assertThat(lab.siteAt(a)).isEqualTo("nl-amsterdam");
        Curl.Result r = Curl.run(dir, null, "--interface", SYDNEY, "--cacert", lab.doors.caPath().toString(),
                "--resolve", "fabrikam.sharepoint.com:" + lab.httpsPort + ":" + a.getHostAddress(),
                "https://fabrikam.sharepoint.com:" + lab.httpsPort + "/sites/team");
        assertThat(r.exit()).as(r.written()).isZero();
        assertThat(r.header("MicrosoftSharePointTeamServices")).isEqualTo(SharePointReply.VERSION);
        assertThat(r.header("SPRequestGuid")).matches("[0-9a-f-]{36}");
        assertThat(r.header("X-GeoDNS-Farm")).isEqualTo("nl-amsterdam");
        assertThat(r.header("X-GeoDNS-Tenant")).isEqualTo("fabrikam (host)");
    }

    @Test
    void whoamiSaysWhereTheClientWasLocatedAndHowTheDelayWasComputed() throws Exception {
        Curl.require();
        Site fra = lab.world.site("fra").orElseThrow();
        String address = fra.ipv4().get(1).getHostAddress();
        lab.decisions.record(InetAddress.getByName(FRANKFURT), "outlook.office365.com", "fra", System.nanoTime());
        Curl.Result r = Curl.run(dir, null, "--interface", FRANKFURT, "--resolve",
                "outlook.office365.com:" + lab.httpPort + ":" + address,
                "http://outlook.office365.com:" + lab.httpPort + "/geodns/whoami");
        assertThat(r.exit()).as(r.written()).isZero();
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.at("/site/id").asText()).isEqualTo("fra");
        assertThat(j.at("/listener").asText()).isEqualTo(address + ":" + lab.httpPort);
        assertThat(j.at("/client/address").asText()).isEqualTo(FRANKFURT);
        assertThat(j.at("/located/source").asText()).isEqualTo("lab-network");
        assertThat(j.at("/located/network").asText()).isEqualTo("127.0.1.0/24");
        assertThat(j.at("/located/place").asText()).isEqualTo("Frankfurt, DE");
        assertThat(j.at("/request/service").asText()).isEqualTo("exchange");
        assertThat(j.at("/request/mailboxSite").asText()).isEqualTo("us-des-moines");
        assertThat(j.at("/delay/legs")).hasSize(2);
        assertThat(j.at("/delay/legs/1/kind").asText()).isEqualTo("backbone");
        assertThat(j.at("/delay/formula").asText()).contains("2 * distance_km / 200");
        assertThat(j.at("/delay/appliedMs").asDouble()).isEqualTo(j.at("/delay/modelMs").asDouble());
        assertThat(j.at("/dnsDecision/link").asText()).isEqualTo("matched");
        assertThat(j.at("/dnsDecision/name").asText()).isEqualTo("outlook.office365.com");
        assertThat(r.header("X-GeoDNS-DNS-Decision")).isEqualTo("matched");
    }

    /**
     * The Sydney client's time to first byte from SYD is smaller than from FRA by the model's difference.
     * Both requests run the same code on loopback, so all but the modelled delay cancels out; the
     * median of three tries each is compared with a tolerance of 30 ms (the difference is about 163 ms).
     */
    @Test
    void timeToFirstByteDiffersByTheModelsDifference() throws Exception {
        Curl.require();
        Site syd = lab.world.site("syd").orElseThrow();
        Site fra = lab.world.site("fra").orElseThrow();
        double sydTtfb = medianTtfb(syd);
        double fraTtfb = medianTtfb(fra);

        LatencyModel model = new LatencyModel(LatencySettings.defaults(lab.world));
        InetAddress sydneySource = InetAddress.getByName(SYDNEY);
        LabNetwork sydney = lab.world.networks().stream()
                .filter(n -> n.cidr().contains(sydneySource)).findFirst().orElseThrow();
        Site mailbox = model.mailboxSite(lab.world, "exchange", "contoso");
        Point client = Point.of(sydney.place());
        double sydModel = LatencyModel.total(model.path(client, null, syd, mailbox));
        double fraModel = LatencyModel.total(model.path(client, null, fra, mailbox));
        assertThat(fraModel - sydModel).as("the model's difference").isGreaterThan(100);

        System.out.printf("TTFB from Sydney: SYD %.1f ms, FRA %.1f ms; model SYD %.1f ms, FRA %.1f ms%n",
                sydTtfb, fraTtfb, sydModel, fraModel);
        assertThat(sydTtfb).isLessThan(fraTtfb);
        assertThat(sydTtfb).as("never faster than the model").isGreaterThanOrEqualTo(sydModel - 1);
        assertThat(fraTtfb - sydTtfb).as("measured difference (ms) vs model " + (fraModel - sydModel))
                .isCloseTo(fraModel - sydModel, within(30.0));
    }

    private double medianTtfb(Site site) throws Exception {
        String address = site.ipv4().get(0).getHostAddress();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Curl.Result r = Curl.run(dir, "%{time_starttransfer}", "--interface", SYDNEY, "--resolve",
                    "outlook.office365.com:" + lab.httpPort + ":" + address,
                    "http://outlook.office365.com:" + lab.httpPort + "/owa/");
            assertThat(r.exit()).as(r.written()).isZero();
            times.add(Double.parseDouble(r.written().strip()) * 1000);
        }
        Collections.sort(times);
        return times.get(1);
    }

    @Test
    void theJdkHttpClientTrustsTheLabCaAndGetsTheSameHeadersOverHttp2() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(lab.doors.truststorePath())) {
            trust.load(in, LabCa.TRUSTSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5))
                .proxy(HttpClient.Builder.NO_PROXY).build();
        FrontDoors.Listener fra = lab.doors.listener("fra", FrontDoors.Scheme.HTTPS);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(fra.url() + "/owa/"))
                .header("X-AnchorMailbox", "user@fabrikam.onmicrosoft.com")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.headers().firstValue("x-feserver")).hasValue("FRA-FE01");
        assertThat(r.headers().firstValue("x-beserver")).hasValue("IE-DUBLIN-MBX01");

        HttpClient http1 = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY).build();
        HttpResponse<String> w = http1.send(HttpRequest.newBuilder(URI.create(fra.url() + "/geodns/whoami"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(w.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        JsonNode j = JSON.readTree(w.body());
        // 127.0.0.1 is in no lab network: like DNS, the cloud's default site stands in for the client.
        assertThat(j.at("/located/source").asText()).isEqualTo("unknown");
        assertThat(j.at("/located/standIn").asText()).isEqualTo("mnz");
        assertThat(j.at("/protocol").asText()).isEqualTo("HTTP/1.1");
    }
}
