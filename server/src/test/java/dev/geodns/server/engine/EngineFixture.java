package dev.geodns.server.engine;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.WorldState;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** The engine's tests' world (the e2e test world plus {@code types.example}), queries and a counting allocator. */
final class EngineFixture {
    static final InetSocketAddress SYDNEY = new InetSocketAddress("127.0.4.1", 53000);

    private EngineFixture() {
    }

    static WorldState state() {
        try {
            return WorldState.load(WorldLoader.load(resource("test-world.yaml")),
                    List.of(WorldLoader.loadZoneFile(resource("types.example.zone"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(EngineFixture.class.getResource("/worlds/" + name).toURI());
    }

    /** A query packet for {@code name}/{@code type} (RD set, id 0x1234), with EDNS when {@code opt} is given. */
    static ByteBuf query(String name, int type, OPTRecord opt) {
        try {
            Message m = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
            m.getHeader().setID(0x1234);
            if (opt != null) {
                m.addRecord(opt, Section.ADDITIONAL);
            }
            return Unpooled.wrappedBuffer(m.toWire());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code response} with dnsjava (not releasing it). */
    static Message parse(ByteBuf response) {
        try {
            return new Message(ByteBufUtil.getBytes(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code name}/{@code type} from Sydney over UDP; the response parsed, every buffer released. */
    static Message ask(QueryEngine engine, String name, int type) {
        ByteBuf packet = query(name, type, new OPTRecord(1232, 0, 0));
        ByteBuf out = engine.handle(packet, SYDNEY, Transport.UDP, UnpooledByteBufAllocator.DEFAULT);
        try {
            return parse(out);
        } finally {
            out.release();
            packet.release();
        }
    }

    /**
     * An allocator that remembers every buffer it made, so tests can check each was released (or
     * handed out with one reference). {@code firstTooSmall}: the first buffer cannot grow past one
     * byte, so writing a response into it fails.
     */
    static final class CountingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> made = new ArrayList<>();
        private boolean firstTooSmall;

        CountingAllocator(boolean firstTooSmall) {
            super(false);
            this.firstTooSmall = firstTooSmall;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return remember(UnpooledByteBufAllocator.DEFAULT.heapBuffer(size(initialCapacity), limit(maxCapacity)));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return remember(UnpooledByteBufAllocator.DEFAULT.directBuffer(size(initialCapacity), limit(maxCapacity)));
        }

        private int size(int initialCapacity) {
            return firstTooSmall ? 1 : initialCapacity;
        }

        private int limit(int maxCapacity) {
            if (firstTooSmall) {
                firstTooSmall = false;
                return 1;
            }
            return maxCapacity;
        }

        private ByteBuf remember(ByteBuf b) {
            made.add(b);
            return b;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        /** Buffers made and not released, other than {@code handedOut}. */
        List<ByteBuf> unreleasedOtherThan(ByteBuf handedOut) {
            return made.stream().filter(b -> b != handedOut && b.refCnt() != 0).toList();
        }
    }
}
