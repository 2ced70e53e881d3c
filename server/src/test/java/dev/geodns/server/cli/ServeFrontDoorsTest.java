package dev.geodns.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--dns", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--threads", "1", "--front-doors",
                "--front-door-http-port", String.valueOf(httpPort), "--front-door-https-port", String.valueOf(httpsPort),
                "--state-dir", state.toString()));
        try (ServerSocket taken = new ServerSocket(httpPort, 1, sydAddress)) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the child went away
                }
                lines.add("<eof>");
            });
            reader.setDaemon(true);
            reader.start();
            try {
                StringBuilder startup = new StringBuilder();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && !startup.toString().contains("dig @")) {
                    String line = lines.poll(1, TimeUnit.SECONDS);
                    if (line == null) {
                        continue;
                    }
                    if (line.equals("<eof>")) {
                        break;
                    }
                    startup.append(line).append('\n');
                }
                String out = startup.toString();
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

                new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
