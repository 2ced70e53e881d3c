package dev.geodns.testbed.runner;

import dev.geodns.config.model.Cidr;
import dev.geodns.testbed.scenario.ResolverSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A recursive resolver as the scenario describes it, together with the stub client in front of it.
 * For one name it walks the CNAME chain: what is fresh in its cache is served from there, the rest
 * is asked of the server from the resolver's source address with its ECS option; when an answer
 * ends in a CNAME without addresses it asks again for the target, as the source documents' stub
 * client "repeats steps 1 and 2".
 *
 * <p>The cache runs on a virtual clock (the caller passes the time), so a scenario can age answers
 * past their TTL without sleeping. RRsets are cached per owner and type; an answer that came with a
 * non-zero ECS scope is cached for that subnet only (RFC 7871 section 7.3.1), so clients in other
 * subnets behind the same resolver do not see it. No negative caching. Not thread-safe.
 */
final class EmulatedResolver implements LabResolver {
    /** Longest CNAME chain followed before giving up (loops, misconfigured worlds). */
    static final int MAX_HOPS = 16;

    private final ResolverSpec spec;
    private final DnsAsker asker;
    private final Map<String, List<Entry>> cache = new HashMap<>();

    /** One cached RRset; {@code scope} null = good for every client. */
    private record Entry(List<Record> rrset, double storedAt, long ttl, Cidr scope) {
        boolean freshAt(double now) {
            return now < storedAt + ttl;
        }

        long remaining(double now) {
            return Math.max(0, (long) Math.ceil(storedAt + ttl - now));
        }
    }

    EmulatedResolver(ResolverSpec spec, DnsAsker asker) {
        this.spec = spec;
        this.asker = asker;
    }

    @Override
    public ResolverSpec spec() {
        return spec;
    }

    /** Resolves with the ECS this resolver sends for the client ({@link ScenarioRunner#ecsFor}). */
    @Override
    public Resolution resolve(dev.geodns.testbed.scenario.ClientSpec client, int clientIndex, String name, int type,
            double now) throws InterruptedException {
        return resolve(name, type, ScenarioRunner.ecsFor(spec, client, clientIndex), now);
    }

    /**
     * Resolves {@code name} (absolute) to addresses of {@code type} for a client whose ECS subnet,
     * as this resolver would send it, is {@code ecs} (null = no option).
     */
    Resolution resolve(String name, int type, Cidr ecs, double now) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        Name current;
        try {
            current = Name.fromString(name);
        } catch (TextParseException e) {
            return new Resolution(List.of(), steps, "invalid name: " + e.getMessage());
        }
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (spec.cache()) {
                Entry addresses = lookup(current, type, ecs, now);
                if (addresses != null) {
                    steps.add(cacheStep(current, type, addresses, now));
                    return new Resolution(addressesOf(addresses.rrset()), steps, null);
                }
                Entry alias = lookup(current, Type.CNAME, ecs, now);
                if (alias != null) {
                    steps.add(cacheStep(current, Type.CNAME, alias, now));
                    current = ((CNAMERecord) alias.rrset().get(0)).getTarget();
                    continue;
                }
            }
            DnsAsker.Reply reply;
            try {
                reply = asker.ask(spec.address(), current, type, ecs);
            } catch (SocketTimeoutException e) {
                steps.add(serverStep(current, type, ecs, null, "TIMEOUT", List.of(), now));
                return new Resolution(List.of(), steps, "timeout asking " + current);
            } catch (IOException e) {
                steps.add(serverStep(current, type, ecs, null, "ERROR", List.of(), now));
                return new Resolution(List.of(), steps, "cannot ask " + current + ": " + e.getMessage());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Message m = reply.message();
            List<Record> answer = m.getSection(Section.ANSWER);
            int rcode = m.getRcode();
            steps.add(serverStep(current, type, ecs, reply.ecsScope(), Rcode.string(rcode), answer, now));
            if (rcode != Rcode.NOERROR) {
                return new Resolution(List.of(), steps, Rcode.string(rcode) + " for " + current);
            }
            if (spec.cache()) {
                store(answer, ecs, reply.ecsScope(), now);
            }
            // Walk the chain inside the answer from the name asked.
            Name walk = current;
            for (int i = 0; i < MAX_HOPS; i++) {
                List<InetAddress> found = addressesOf(ownedBy(answer, walk, type));
                if (!found.isEmpty()) {
                    return new Resolution(found, steps, null);
                }
                List<Record> cname = ownedBy(answer, walk, Type.CNAME);
                if (cname.isEmpty()) {
                    break;
                }
                walk = ((CNAMERecord) cname.get(0)).getTarget();
            }
            if (walk.equals(current)) {
                return new Resolution(List.of(), steps, "no " + Type.string(type) + " record for " + current);
            }
            current = walk; // the answer ended in a CNAME: ask again for its target
        }
        return new Resolution(List.of(), steps, "CNAME chain longer than " + MAX_HOPS + " steps");
    }

    private Entry lookup(Name owner, int type, Cidr ecs, double now) {
        List<Entry> entries = cache.get(key(owner, type));
        if (entries == null) {
            return null;
        }
        for (Entry e : entries) {
            if (e.freshAt(now) && (e.scope() == null || ecs != null && e.scope().contains(ecs.networkAddress()))) {
                return e;
            }
        }
        return null;
    }

    private void store(List<Record> answer, Cidr ecs, Integer scope, double now) {
        Cidr scopeNet = ecs != null && scope != null && scope > 0
                ? Cidr.of(ecs.networkAddress(), Math.min(scope, ecs.prefixLength())) : null;
        Map<String, List<Record>> rrsets = new LinkedHashMap<>();
        for (Record r : answer) {
            rrsets.computeIfAbsent(key(r.getName(), r.getType()), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Record>> e : rrsets.entrySet()) {
            long ttl = e.getValue().stream().mapToLong(Record::getTTL).min().orElse(0);
            if (ttl <= 0) {
                continue;
            }
            List<Entry> entries = cache.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            entries.removeIf(old -> java.util.Objects.equals(old.scope(), scopeNet));
            entries.add(new Entry(List.copyOf(e.getValue()), now, ttl, scopeNet));
        }
    }

    private static String key(Name owner, int type) {
        return owner.toString().toLowerCase(java.util.Locale.ROOT) + "/" + type;
    }

    private static List<Record> ownedBy(List<Record> answer, Name owner, int type) {
        List<Record> out = new ArrayList<>();
        for (Record r : answer) {
            if (r.getType() == type && r.getName().equals(owner)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<InetAddress> addressesOf(List<Record> rrset) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : rrset) {
            if (r instanceof ARecord a) {
                out.add(a.getAddress());
            } else if (r instanceof AAAARecord a) {
                out.add(a.getAddress());
            }
        }
        return out;
    }

    private Step cacheStep(Name owner, int type, Entry e, double now) {
        List<Step.Answer> answers = new ArrayList<>();
        for (Record r : e.rrset()) {
            answers.add(new Step.Answer(r.getName().toString(), Type.string(r.getType()), e.remaining(now),
                    r.rdataToString()));
        }
        return new Step(true, now, owner.toString(), Type.string(type), null, null, null, "NOERROR", answers);
    }

    private Step serverStep(Name owner, int type, Cidr ecs, Integer scope, String rcode, List<Record> answer,
            double now) {
        List<Step.Answer> answers = new ArrayList<>();
        for (Record r : answer) {
            answers.add(new Step.Answer(r.getName().toString(), Type.string(r.getType()), r.getTTL(),
                    r.rdataToString()));
        }
        return new Step(false, now, owner.toString(), Type.string(type), spec.address().getHostAddress(),
                ecs == null ? null : ecs.toString(), scope, rcode, answers);
    }
}
