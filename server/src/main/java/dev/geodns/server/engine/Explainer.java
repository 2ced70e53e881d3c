package dev.geodns.server.engine;

import dev.geodns.server.faults.FaultRule;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.geo.ClientSubnet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Explains what the live server would answer to a query, by running that query through the very
 * {@link QueryEngine} that serves the wire (no second implementation of any rule) and capturing
 * the routing decision it took. Fault rules are not applied here; those that would apply to the
 * query are listed under {@code faults}.
 */
public final class Explainer {
    private final Supplier<ServingState> state;
    private final FaultRules faults;

    public Explainer(Supplier<ServingState> state) {
        this(state, null);
    }

    /** An explainer that also lists the rules of {@code faults} (may be null) that would apply. */
    public Explainer(Supplier<ServingState> state, FaultRules faults) {
        this.state = state;
        this.faults = faults;
    }

    /**
     * Returns the decision and the answer for {@code name}/{@code type} asked from {@code source}
     * with optional {@code ecs}, as plain values for JSON (stable keys).
     */
    public Map<String, Object> explain(String name, int type, InetAddress source, ClientSubnet ecs) throws IOException {
        Name qname = Name.fromString(name, Name.root);
        Message query = new Message();
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(qname, type, DClass.IN), Section.QUESTION);
        List<EDNSOption> options = new ArrayList<>();
        if (ecs != null) {
            options.add(new ClientSubnetOption(ecs.sourcePrefix(), ecs.inetAddress()));
        }
        query.addRecord(new OPTRecord(1232, 0, 0, 0, options), Section.ADDITIONAL);
        CapturingObserver capture = new CapturingObserver();
        QueryEngine engine = new QueryEngine(state, capture);
        ByteBuf in = Unpooled.wrappedBuffer(query.toWire());
        ByteBuf out = engine.handle(in, new InetSocketAddress(source, 53), Transport.TCP, UnpooledByteBufAllocator.DEFAULT);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        in.release();
        Message answer = new Message(bytes);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("query", Map.of("name", qname.toString(), "type", Type.string(type),
                "source", source.getHostAddress(), "ecs", ecs == null ? "none" : ecs.toString()));
        result.put("generation", state.get().generation());
        result.put("rcode", Rcode.string(answer.getRcode()));
        result.put("authoritative", answer.getHeader().getFlag(Flags.AA));
        result.put("decision", capture.decision == null ? null : capture.decision.toJsonMap());
        result.put("answer", strings(answer.getSection(Section.ANSWER)));
        result.put("authority", strings(answer.getSection(Section.AUTHORITY)));
        result.put("additional", strings(answer.getSection(Section.ADDITIONAL)));
        OPTRecord opt = answer.getOPT();
        Integer scope = null;
        if (opt != null) {
            for (EDNSOption o : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
                scope = ((ClientSubnetOption) o).getScopePrefixLength();
            }
        }
        result.put("ecsScope", scope);
        if (faults != null && faults.active()) {
            List<FaultRule> applying = faults.matching(qname.toString().toLowerCase(java.util.Locale.ROOT), type,
                    capture.decision == null ? null : capture.decision.site().id());
            if (!applying.isEmpty()) {
                result.put("faults", applying.stream().map(FaultRule::toJsonMap).toList());
            }
        }
        return result;
    }

    private static List<String> strings(List<Record> records) {
        return records.stream().map(Record::toString).toList();
    }

    private static final class CapturingObserver implements QueryObserver {
        dev.geodns.server.routing.RoutingDecision decision;

        @Override
        public void answered(AnsweredQuery query) {
            this.decision = query.decision();
        }
    }
}
