package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Whether {@link RecvmmsgUdpListener} can run here, asked without touching the incubating
 * foreign-function API (this class loads on any JVM): Linux on x86_64, the JVM started with
 * {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}, and not turned
 * off with {@code -Dgeodns.udp=netty}.
 */
final class NativeUdp {
    /** System property: {@code netty} keeps every UDP listener on Netty. */
    static final String PROPERTY = "geodns.udp";
    private static final boolean LINKED = probe();

    private NativeUdp() {
    }

    static boolean available() {
        return LINKED && !"netty".equals(System.getProperty(PROPERTY));
    }

    private static boolean probe() {
        if (!System.getProperty("os.name", "").startsWith("Linux") || !"amd64".equals(System.getProperty("os.arch"))
                || ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
            return false;
        }
        try {
            // Links libc: fails without native access (IllegalCallerException) or without the symbols.
            Class.forName(RecvmmsgUdpListener.class.getName() + "$Libc", true, NativeUdp.class.getClassLoader());
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    static AutoCloseable open(InetSocketAddress address, QueryEngine engine, Consumer<Throwable> onError,
            String threadName) throws BindException {
        return RecvmmsgUdpListener.open(address, engine, onError, threadName);
    }
}
