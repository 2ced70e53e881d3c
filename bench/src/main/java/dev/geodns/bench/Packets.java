package dev.geodns.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Query packets for the benchmarks, built once with dnsjava (never on a measured path). */
public final class Packets {
    private Packets() {
    }

    /** An A query for {@code name} with RD set, as a direct buffer like the ones the transport reads. */
    public static ByteBuf query(String name) {
        return wrap(message(name).toWire());
    }

    /** An A query with EDNS (payload 1232) and an ECS option {@code address/prefix} (RFC 7871). */
    public static ByteBuf queryWithEcs(String name, String address, int prefix) {
        Message m = message(name);
        try {
            m.addRecord(new OPTRecord(1232, 0, 0, 0,
                    List.of(new ClientSubnetOption(prefix, InetAddress.getByName(address)))), Section.ADDITIONAL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wrap(m.toWire());
    }

    private static Message message(String name) {
        try {
            Message m = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
            m.getHeader().setID(0x2b1d);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuf wrap(byte[] wire) {
        ByteBuf buf = Unpooled.directBuffer(wire.length);
        buf.writeBytes(wire);
        return buf;
    }
}
