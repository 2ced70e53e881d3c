package dev.geodns.server.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Sends a running server a short, bounded mix of queries over UDP and TCP and a few admin requests.
 * The build runs {@code serve --warm-up-and-exit} under {@code -XX:AOTCacheOutput} (JDK 25) or
 * {@code -XX:ArchiveClassesAtExit} (older JDKs) so that every class a real start-up and first
 * answers need lands in the AOT cache or class-data-sharing archive (start-up time).
 */
final class WarmUp {
    private static final List<String> NAMES = List.of("outlook.office365.com", "contoso.sharepoint.com",
            "portal.office.com", "partner.outlook.cn", "FRA-efz.ms-acdc.office.com", "nope.office365.com",
            "www.example.net");

    private WarmUp() {
    }

    static void run(InetSocketAddress dns, String adminUrl) throws IOException, InterruptedException {
        for (boolean tcp : new boolean[] {false, true}) {
            SimpleResolver r = new SimpleResolver(dns);
            r.setTimeout(Duration.ofSeconds(2));
            r.setTCP(tcp);
            r.setLocalAddress(new InetSocketAddress(InetAddress.getByName("127.0.1.1"), 0));
            for (int i = 0; i < 50; i++) {
                for (String name : NAMES) {
                    r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root),
                            i % 2 == 0 ? Type.A : Type.AAAA, DClass.IN)));
                }
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String path : List.of("/health", "/metrics", "/sites", "/world",
                "/explain?name=outlook.office365.com&source=127.0.1.1")) {
            http.send(HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
