package dev.geodns.server;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test of this module during which Netty reported a leaked {@code ByteBuf}, instead of
 * only logging it. Registered for every test class through JUnit's extension auto-detection
 * ({@code src/test/resources}); the build runs tests with paranoid leak detection, so every
 * buffer is tracked.
 *
 * <p>Netty finds a leak when the garbage collector reclaims a buffer that was never released, and
 * reports it at the next allocation; so after each test this runs a collection, allocates to
 * make the detector look, and fails with the leak's access records. A leak collected later is
 * reported by the test that is running then.
 */
public final class FailOnLeakedBuffers implements AfterEachCallback {
    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        // Before any ByteBuf class is initialized (JUnit makes its extensions before running tests).
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                    long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    /** Netty's detector, remembering each leak it reports (and still logging it). */
    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true; // whatever the log level
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (no access records)");
            super.reportUntracedLeak(resourceType);
        }
    }

    /** Collects garbage, lets the detector look, and returns (and forgets) the leaks reported so far. */
    static List<String> collectLeaks() {
        System.gc();
        for (int i = 0; i < 2; i++) {
            try {
                Thread.sleep(5); // reclaimed buffers reach the detector's queue on the reference handler thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release(); // a tracked allocation drains the queue
        }
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            leaks.add(leak);
        }
        return leaks;
    }

    /** Whether a leak was reported and not yet collected (for the hook's own test). */
    static boolean leakPending() {
        return !LEAKS.isEmpty();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) reported during "
                    + (context == null ? "this test" : context.getDisplayName()) + ":\n" + String.join("\n", leaks));
        }
    }
}
