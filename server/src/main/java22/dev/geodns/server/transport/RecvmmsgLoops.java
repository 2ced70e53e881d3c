package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import java.lang.foreign.ValueLayout;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Opens {@link RecvmmsgUdpListener}s; made once by {@link NativeUdp}, whose probe reports the
 * message of the exception a refusal here throws. Constructing it links libc and its hot calls.
 */
final class RecvmmsgLoops implements NativeUdp.Loops {
    RecvmmsgLoops() {
        if (!RecvmmsgLoops.class.getModule().isNativeAccessEnabled()) {
            // --enable-native-access names other modules only: calling libc would warn or fail.
            // (`java -jar` has it from the jar's manifest; with no option at all the JVM allows
            // it, warning once, as it does for Netty's native library.)
            throw new UnsupportedOperationException(
                    "native access not enabled (run with java -jar, or --enable-native-access=ALL-UNNAMED)");
        }
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            throw new UnsupportedOperationException("not verified for " + ValueLayout.ADDRESS.byteSize() * 8
                    + "-bit pointers");
        }
        if (!Libc.isGlibc()) {
            throw new UnsupportedOperationException("not verified with a libc other than glibc");
        }
        try {
            Libc.linkHotCalls();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot call libc: " + t, t);
        }
    }

    @Override
    public AutoCloseable open(InetSocketAddress address, QueryEngine engine, Consumer<Throwable> onError,
            String threadName) throws BindException {
        return RecvmmsgUdpListener.open(address, engine, onError, threadName);
    }
}
