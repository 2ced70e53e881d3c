package dev.geodns.testbed.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@code @GeoDnsTest(frontDoors = true)}: DNS sends a client to a site's front door, the JDK's
 * HttpClient reaches it there, and the front door names the DNS decision its client followed.
 */
@GeoDnsTest(frontDoors = true)
class GeoDnsFrontDoorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "outlook.office365.com";

    GeoDnsLab lab;

    /** Where DNS sends {@code source} for {@link #NAME}: the A record at the end of the chain. */
    private InetAddress resolveFrom(InetAddress source) throws Exception {
        SimpleResolver r = new SimpleResolver(lab.address());
        r.setLocalAddress(new InetSocketAddress(source, 0));
        r.setTimeout(Duration.ofSeconds(3));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(NAME + "."), Type.A, DClass.IN)));
        return m.getSection(Section.ANSWER).stream().filter(x -> x instanceof ARecord)
                .map(x -> ((ARecord) x).getAddress()).findFirst().orElseThrow();
    }

    private HttpResponse<String> get(HttpClient client, InetAddress door, String path) throws Exception {
        URI uri = URI.create("https://" + door.getHostAddress() + ":" + lab.frontDoors().httpsPort() + path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJdkHttpClientReachesTheFrontDoorDnsChose() throws Exception {
        HttpClient client = lab.frontDoors().httpClient();
        for (String[] placeAndCode : List.of(new String[] {"Frankfurt", "FRA"}, new String[] {"Sydney", "SYD"})) {
            InetAddress door = resolveFrom(lab.resolverIn(placeAndCode[0]));
            assertThat(door.getHostAddress()).as("the loopback answer plan").startsWith("127.");
            HttpResponse<String> owa = get(client, door, "/owa/");
            assertThat(owa.statusCode()).isEqualTo(200);
            assertThat(owa.headers().firstValue("x-feserver")).hasValue(placeAndCode[1] + "-FE01");
        }
        // Requests from this HttpClient leave from 127.0.0.1, a place the lab plan does not know: the
        // front door, like DNS, lets the cloud's default site stand in for the client, and finds no
        // DNS decision of 127.0.0.1 to link.
        JsonNode whoami = JSON.readTree(get(client, resolveFrom(lab.resolverIn("Frankfurt")), "/geodns/whoami").body());
        assertThat(whoami.at("/client/address").asText()).isEqualTo("127.0.0.1");
        assertThat(whoami.at("/located/source").asText()).isEqualTo("unknown");
        assertThat(whoami.at("/located/standIn").asText()).isEqualTo("mnz");
        assertThat(whoami.at("/dnsDecision/link").asText()).isEqualTo("none");
    }

    @Test
    void aPlacedJdkHttpClientIsLinkedToItsDnsDecisionFromJdk19On() throws Exception {
        InetAddress sydney = lab.resolverIn("Sydney");
        InetAddress door = resolveFrom(sydney);
        if (Runtime.version().feature() < 19) {
            assertThatThrownBy(() -> lab.frontDoors().httpClient(sydney))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("JDK 19");
            return;
        }
        HttpResponse<String> r = get(lab.frontDoors().httpClient(sydney), door, "/geodns/whoami");
        JsonNode whoami = JSON.readTree(r.body());
        assertThat(whoami.at("/client/address").asText()).isEqualTo("127.0.4.10");
        assertThat(whoami.at("/site/code").asText()).isEqualTo("SYD");
        assertThat(whoami.at("/dnsDecision/link").asText()).isEqualTo("matched");
        assertThat(whoami.at("/dnsDecision/name").asText()).isEqualTo(NAME);
        assertThat(r.headers().firstValue("x-geodns-dns-decision")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("matched"));
    }

    @Test
    void curlFromTheAddressThatAskedDnsIsLinkedToThatDecision() throws Exception {
        InetAddress client = InetAddress.getByName("127.0.1.77");
        InetAddress door = resolveFrom(client);
        ArrivedQuery asked = lab.takeQuery();
        assertThat(asked.decision().site()).isEqualTo(lab.frontDoors().siteAt(door));

        String body = curl("--interface", "127.0.1.77", "--cacert", lab.frontDoors().caCertificate().toString(),
                "https://" + door.getHostAddress() + ":" + lab.frontDoors().httpsPort() + "/geodns/whoami");
        JsonNode whoami = JSON.readTree(body);
        assertThat(whoami.at("/client/address").asText()).isEqualTo("127.0.1.77");
        assertThat(whoami.at("/dnsDecision/link").asText()).isEqualTo("matched");
        assertThat(whoami.at("/dnsDecision/name").asText()).isEqualTo(NAME);
        assertThat(whoami.at("/dnsDecision/site").asText()).isEqualTo(asked.decision().site());

        String other = curl("--interface", "127.0.1.78", "--cacert", lab.frontDoors().caCertificate().toString(),
                "https://" + door.getHostAddress() + ":" + lab.frontDoors().httpsPort() + "/geodns/whoami");
        assertThat(JSON.readTree(other).at("/dnsDecision/link").asText()).as("a client that never asked DNS")
                .isEqualTo("none");
    }

    /** Runs curl (silent, failing on HTTP errors) and returns its output; no curl skips, except in CI. */
    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "10"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (inCi()) {
                fail("CI must install curl", e);
            }
            Assumptions.abort("skipped: curl is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
