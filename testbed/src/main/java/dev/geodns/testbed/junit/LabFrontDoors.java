package dev.geodns.testbed.junit;

import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.frontdoor.FrontDoorOptions;
import dev.geodns.server.frontdoor.FrontDoors;
import dev.geodns.server.frontdoor.LabCa;
import dev.geodns.server.frontdoor.RecentDecisions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The front doors of a {@link GeoDnsTest} with {@code frontDoors = true}: an HTTP and an HTTPS
 * listener on every site address of the loopback answer plan, on two free high ports (the same on
 * every address, so no root is needed and a running {@code serve --front-doors} is not in the way),
 * and a lab CA made for the test. Requests are linked to the DNS decisions their client followed.
 */
public final class LabFrontDoors implements AutoCloseable {
    private final FrontDoors doors;
    private final Path stateDir;
    private final int httpPort;
    private final int httpsPort;

    private LabFrontDoors(FrontDoors doors, Path stateDir, int httpPort, int httpsPort) {
        this.doors = doors;
        this.stateDir = stateDir;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Starts front doors beside {@code server} (whose world is on the loopback answer plan). */
    static LabFrontDoors start(GeoDnsServer server, RecentDecisions decisions)
            throws IOException, GeneralSecurityException, InterruptedException {
        Path stateDir = Files.createTempDirectory("geodns-lab-ca");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int http = freePort();
            int https = freePort();
            FrontDoorOptions options = FrontDoorOptions.defaults().withPorts(http, https).withStateDir(stateDir);
            FrontDoors doors = FrontDoors.start(() -> server.current().world(),
                    () -> server.current().router().locator(), options, new SimpleMeterRegistry(), decisions);
            if (doors.failures().isEmpty()) {
                return new LabFrontDoors(doors, stateDir, http, https);
            }
            last = new IOException("front doors could not bind: " + doors.failures().get(0));
            doors.close(); // another process took one of the ports on some address: try two others
        }
        deleteTree(stateDir);
        throw last;
    }

    /** A port free on the first front-door address (only front doors use 127.64.0.0/10). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.64.0.1"))) {
            return s.getLocalPort();
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** Every address and port bound (HTTP and HTTPS). */
    public List<InetSocketAddress> addresses() {
        return doors.addresses();
    }

    /** The HTTP address of site {@code siteId}'s front door. */
    public InetSocketAddress http(String siteId) {
        return listener(siteId, FrontDoors.Scheme.HTTP);
    }

    /** The HTTPS address of site {@code siteId}'s front door. */
    public InetSocketAddress https(String siteId) {
        return listener(siteId, FrontDoors.Scheme.HTTPS);
    }

    private InetSocketAddress listener(String siteId, FrontDoors.Scheme scheme) {
        FrontDoors.Listener l = doors.listener(siteId, scheme);
        if (l == null) {
            throw new IllegalArgumentException("no " + scheme.tag() + " front door for site '" + siteId + "'");
        }
        return l.address();
    }

    /** The lab CA certificate (PEM), e.g. for {@code curl --cacert}. */
    public Path caCertificate() {
        return doors.caPath();
    }

    /** The PKCS#12 trust store holding the lab CA; its password is {@link #truststorePassword()}. */
    public Path truststore() {
        return doors.truststorePath();
    }

    public String truststorePassword() {
        return LabCa.TRUSTSTORE_PASSWORD;
    }

    /** An SSL context trusting the lab CA only, for HTTPS clients of the front doors. */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore())) {
            store.load(in, truststorePassword().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /**
     * A JDK {@link HttpClient} trusting the lab CA, HTTP/1.1, its requests leaving from the
     * default source address (127.0.0.1 for loopback destinations, a place the lab plan does not know).
     */
    public HttpClient httpClient() throws IOException, GeneralSecurityException {
        return builder().build();
    }

    /**
     * A JDK {@link HttpClient} trusting the lab CA whose requests leave from {@code source}, so the
     * front door places the client there (use {@link GeoDnsLab#resolverIn}). The JDK's client can
     * choose its source address only from JDK 19 on ({@code HttpClient.Builder.localAddress}); on
     * older JDKs this throws {@link UnsupportedOperationException} saying so: use curl's
     * {@code --interface}, or {@link #httpClient()} from 127.0.0.1.
     */
    public HttpClient httpClient(InetAddress source) throws IOException, GeneralSecurityException {
        HttpClient.Builder b = builder();
        Method localAddress;
        try {
            localAddress = HttpClient.Builder.class.getMethod("localAddress", InetAddress.class);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException("this JDK's HttpClient cannot choose its source address (JDK 19"
                    + " added HttpClient.Builder.localAddress; this is " + Runtime.version() + ")");
        }
        try {
            return ((HttpClient.Builder) localAddress.invoke(b, source)).build();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private HttpClient.Builder builder() throws IOException, GeneralSecurityException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(sslContext())
                .connectTimeout(Duration.ofSeconds(5));
    }

    /** The site whose front door listens on {@code address}, or null. */
    public String siteAt(InetAddress address) {
        return doors.listeners().stream().filter(l -> l.address().getAddress().equals(address))
                .map(FrontDoors.Listener::siteId).findFirst().orElse(null);
    }

    /** The front doors themselves, for what this class does not cover. */
    public FrontDoors doors() {
        return doors;
    }

    @Override
    public void close() {
        doors.close();
        deleteTree(stateDir);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
