package dev.geodns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak hook itself: a buffer dropped without release fails the test that dropped it. */
class FailOnLeakedBuffersTest {
    /** Allocates a buffer, uses it, and drops it unreleased. */
    private static void leakOneBuffer() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.writeInt(42);
    }

    @Test
    void aLeakedBufferFailsTheTest() throws Exception {
        leakOneBuffer();
        for (int i = 0; i < 100 && !FailOnLeakedBuffers.leakPending(); i++) {
            System.gc();
            Thread.sleep(10);
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
        assertThatThrownBy(() -> new FailOnLeakedBuffers().afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ByteBuf leak(s) reported")
                .hasMessageContaining("leakOneBuffer");
        assertThat(FailOnLeakedBuffers.collectLeaks()).isEmpty(); // reported once: this test's own check passes
    }

    @Test
    void releasedBuffersAreNotReported() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.writeInt(42);
        assertThat(b.release()).isTrue();
        assertThat(FailOnLeakedBuffers.collectLeaks()).isEmpty();
    }
}
