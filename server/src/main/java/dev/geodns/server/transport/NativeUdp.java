package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Whether the recvmmsg loop ({@code RecvmmsgUdpListener}) can serve UDP here, and if not, why.
 * This class loads on any JVM: the loop itself uses the foreign-function API of JDK 22+ and lives
 * in the jar's {@code META-INF/versions/22} part, so it is found only on JDK 22 or later, and only
 * in a jar built by JDK 22 or later. It runs on Linux with glibc on x86_64 and aarch64 only, the
 * platforms whose C struct layouts it was checked against; elsewhere UDP stays on Netty.
 */
final class NativeUdp {
    /** System property: {@code netty} keeps every UDP listener on Netty. */
    static final String PROPERTY = "geodns.udp";
    static final int MIN_JDK = 22;
    private static final String LOOPS = "dev.geodns.server.transport.RecvmmsgLoops";
    private static final Set<String> VERIFIED_ARCHES = Set.of("amd64", "aarch64");
    /** The loops' factory, or why there is none. */
    private static final Object PROBE = probe();

    private NativeUdp() {
    }

    /** Opens recvmmsg loops on IPv4 sockets; the JDK 22+ class {@code RecvmmsgLoops} implements it. */
    interface Loops {
        AutoCloseable open(InetSocketAddress address, QueryEngine engine, Consumer<Throwable> onError,
                String threadName) throws BindException;
    }

    static boolean available() {
        return unavailableReason() == null;
    }

    /** Why UDP stays on Netty, for the start-up line; null when the loop can run. */
    static String unavailableReason() {
        if ("netty".equals(System.getProperty(PROPERTY))) {
            return "turned off by -D" + PROPERTY + "=netty";
        }
        return PROBE instanceof String reason ? reason : null;
    }

    static AutoCloseable open(InetSocketAddress address, QueryEngine engine, Consumer<Throwable> onError,
            String threadName) throws BindException {
        if (!(PROBE instanceof Loops loops)) {
            throw new IllegalStateException("recvmmsg loop unavailable: " + PROBE);
        }
        return loops.open(address, engine, onError, threadName);
    }

    private static Object probe() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux") || !VERIFIED_ARCHES.contains(arch)) {
            return "not verified on " + os + "/" + arch;
        }
        int jdk = Runtime.version().feature();
        if (jdk < MIN_JDK) {
            return "needs JDK " + MIN_JDK + " or later, this is JDK " + jdk;
        }
        try {
            return Class.forName(LOOPS).asSubclass(Loops.class).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return "not in this build (built by a JDK older than " + MIN_JDK + ")";
        } catch (InvocationTargetException e) {
            return e.getCause().getMessage(); // the loop refused this JVM or platform, and says why
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return "cannot link libc: " + e;
        }
    }
}
