package dev.geodns.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@code serve --front-doors} in its own process on high ports: DNS answers on the loopback plan, the
 * front doors answer, the admin API lists them, the CA path is printed, and a listener that cannot
 * bind is named while DNS keeps serving.
 */
class ServeFrontDoorsTest {
    @TempDir
    Path dir;

    @Test
    void serveWithFrontDoorsAnswersOnLoopbackAndNamesWhatItCannotBind() throws Exception {
        World world = LoopbackAnswerPlan.apply(WorldLoader.builtIn());
        InetAddress sydAddress = world.site("syd").orElseThrow().ipv4().get(0);
        InetAddress fraAddress = world.site("fra").orElseThrow().ipv4().get(0);
        int httpPort;
        int httpsPort;
        try (ServerSocket a = new ServerSocket(0, 1, fraAddress); ServerSocket b = new ServerSocket(0, 1, fraAddress)) {
            httpPort = a.getLocalPort();
            httpsPort = b.getLocalPort();
        }
        Path state = dir.resolve("state");
        try (ServerSocket taken = new ServerSocket(httpPort, 1, sydAddress);
                ServeProcess serve = ServeProcess.start("serve", "--dns", "127.0.0.1:0", "--admin", "127.0.0.1:0",
                        "--threads", "1", "--front-doors", "--front-door-http-port", String.valueOf(httpPort),
                        "--front-door-https-port", String.valueOf(httpsPort), "--state-dir", state.toString())) {
            String out = serve.readUntil("dig @", 60);
            Matcher dns = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(out);
            Matcher admin = Pattern.compile("admin API on (http://127\\.0\\.0\\.1:\\d+)").matcher(out);
            assertThat(dns.find()).as(out).isTrue();
            assertThat(admin.find()).as(out).isTrue();
            assertThat(out).contains("front doors: ").contains("lab CA made: " + state.resolve("lab-ca.pem"))
                    .contains("curl --cacert")
                    .contains("error: cannot bind front door syd http " + sydAddress.getHostAddress() + ":" + httpPort);

            SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", Integer.parseInt(dns.group(1))));
            r.setTimeout(Duration.ofSeconds(3));
            r.setLocalAddress(new InetSocketAddress(InetAddress.getByName("127.0.4.77"), 0));
            Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString("outlook.office365.com."), Type.A, DClass.IN)));
            assertThat(m.getSection(Section.ANSWER).stream().filter(x -> x instanceof ARecord)
                    .map(x -> ((ARecord) x).getAddress())).contains(sydAddress);

            HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            HttpResponse<String> owa = client.send(HttpRequest.newBuilder(
                    URI.create("http://" + fraAddress.getHostAddress() + ":" + httpPort + "/owa/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(owa.headers().firstValue("X-FEServer")).hasValue("FRA-FE01");
            HttpResponse<String> listing = client.send(HttpRequest.newBuilder(URI.create(admin.group(1) + "/front-doors"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).contains("\"site\":\"fra\"")
                    .contains(fraAddress.getHostAddress() + ":" + httpsPort).contains("lab-ca.pem");

            assertThat(serve.terminate(15)).isTrue();
        }
    }
}
