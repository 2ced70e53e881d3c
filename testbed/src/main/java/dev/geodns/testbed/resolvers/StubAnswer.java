package dev.geodns.testbed.resolvers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a stub client got from a resolver for one question: the response code and the answer
 * section as the resolver sent it (names in the case it chose, TTLs as they have counted down in its
 * cache). Immutable.
 *
 * @param tool the client that asked ({@code dig}, {@code kdig}, {@code dnsjava})
 * @param question the name asked
 * @param rcode {@code NOERROR}, {@code NXDOMAIN}, {@code SERVFAIL}, ... or {@code TIMEOUT} when no reply came
 * @param answer the answer section in order
 * @param ecsScope the SCOPE PREFIX-LENGTH of an ECS option in the reply, or null (only dnsjava reads it;
 *     dnsmasq passes the emulator's option to every client)
 * @param took from sending to the reply
 */
public record StubAnswer(String tool, String question, String rcode, List<Rr> answer, Integer ecsScope, Duration took) {
    public StubAnswer {
        answer = List.copyOf(answer);
    }

    /** One answer record in presentation form: {@code owner ttl IN type data}. */
    public record Rr(String owner, long ttl, String type, String data) {
    }

    /** A reply with status NOERROR and at least one address. */
    public boolean ok() {
        return rcode.equals("NOERROR") && !addresses().isEmpty();
    }

    /** The CNAME records from the question to the final name, in chain order. */
    public List<Rr> cnameChain() {
        List<Rr> chain = new ArrayList<>();
        String at = norm(question);
        for (int guard = 0; guard < answer.size(); guard++) {
            Rr next = null;
            for (Rr r : answer) {
                if (r.type().equals("CNAME") && norm(r.owner()).equals(at)) {
                    next = r;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            chain.add(next);
            at = norm(next.data());
        }
        return chain;
    }

    /** The name at the end of the CNAME chain, lower case with the final dot. */
    public String finalName() {
        List<Rr> chain = cnameChain();
        return chain.isEmpty() ? norm(question) : norm(chain.get(chain.size() - 1).data());
    }

    /** The A and AAAA addresses of the final name, in answer order. */
    public List<InetAddress> addresses() {
        String end = finalName();
        List<InetAddress> out = new ArrayList<>();
        for (Rr r : answer) {
            if ((r.type().equals("A") || r.type().equals("AAAA")) && norm(r.owner()).equals(end)) {
                try {
                    out.add(InetAddress.getByName(r.data()));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("not an address: " + r.data(), e);
                }
            }
        }
        return out;
    }

    /** The TTL of the final addresses (the smallest), or -1 when there are none. */
    public long addressTtl() {
        String end = finalName();
        return answer.stream().filter(r -> (r.type().equals("A") || r.type().equals("AAAA")) && norm(r.owner()).equals(end))
                .mapToLong(Rr::ttl).min().orElse(-1);
    }

    /** The TTL the resolver gave the CNAME owned by {@code owner} (any case), or -1. */
    public long cnameTtl(String owner) {
        String o = norm(owner);
        return cnameChain().stream().filter(r -> norm(r.owner()).equals(o)).mapToLong(Rr::ttl).findFirst().orElse(-1);
    }

    /** {@code NOERROR outlook.office365.com. -> ... -> fra-efz.ms-acdc.office.com. [198.18.63.1, ...] ttl 10}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(rcode).append(' ').append(question);
        for (Rr r : cnameChain()) {
            b.append(" -> ").append(r.data()).append(" (").append(r.ttl()).append(')');
        }
        b.append(' ').append(addresses().stream().map(InetAddress::getHostAddress).toList());
        if (addressTtl() >= 0) {
            b.append(" ttl ").append(addressTtl());
        }
        return b.append(" via ").append(tool).toString();
    }

    static String norm(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }
}
