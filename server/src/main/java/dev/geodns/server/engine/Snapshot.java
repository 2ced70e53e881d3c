package dev.geodns.server.engine;

import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The DNS data of one loaded world, compiled for answering: every owner name turned into a
 * {@link Node} in an allocation-free lookup table, referrals and NXDOMAIN answers built as wire
 * bytes with it, node answers on first use and then kept ({@link AnswerCache}). Immutable once
 * built (only the answer caches fill in); replaced as a whole on reload.
 */
public final class Snapshot {
    final CompiledWorld compiled;
    final World world;
    final NameTable<Node> names;
    final List<Zone> zones;
    final Map<Name, List<Record>> glue;
    final Site[] sites;
    final AnswerCache answers;
    final QueryEngine.Identity identity;
    /** The whoami name's per-query answer, or null when the world has none. */
    final WhoAmIAnswer whoami;

    Snapshot(CompiledWorld compiled, NameTable<Node> names, List<Zone> zones, Map<Name, List<Record>> glue,
            Site[] sites) {
        this.compiled = compiled;
        this.world = compiled.world();
        this.names = names;
        this.zones = List.copyOf(zones);
        this.glue = Map.copyOf(glue);
        this.sites = sites;
        AnswerBuilder builder = new AnswerBuilder(this);
        Set<Integer> types = new HashSet<>();
        names.forEach(n -> {
            types.addAll(n.data.keySet());
            if (n.isDelegation()) {
                n.referral = builder.referral(n);
            }
        });
        for (Zone z : this.zones) {
            z.nxdomain = builder.nxdomain(z);
        }
        this.answers = new AnswerCache(builder, new TypeSlots(types), sites.length);
        String version = world.server().version() != null ? world.server().version() : "GeoDNS Emulator";
        this.identity = new QueryEngine.Identity(world.server().id(), version);
        this.whoami = WhoAmIAnswer.of(compiled);
    }

    public World world() {
        return world;
    }

    /** The compiled world this snapshot was built from. */
    public CompiledWorld compiled() {
        return compiled;
    }

    /**
     * The lookup walk (RFC 1034 4.3.2 step 3) for the lower-cased wire name {@code name[0, length)}
     * asked with {@code qtype}: finds the closest encloser by stripping labels, then decides
     * between the name itself, a referral at the topmost cut above it (except DS asked at the cut,
     * which the parent side answers), the wildcard that covers it (RFC 4592), NXDOMAIN, or
     * REFUSED outside our zones. Writes the result into {@code into}; allocation-free.
     */
    void lookup(byte[] name, int length, int qtype, Lookup into) {
        int offset = 0;
        Node encloser;
        while (true) {
            encloser = names.get(name, offset, length - offset);
            if (encloser != null || offset >= length || name[offset] == 0) {
                break;
            }
            offset += (name[offset] & 0xff) + 1;
        }
        if (encloser == null || encloser.zone == null) {
            into.set(Lookup.Outcome.REFUSED, null, null);
            return;
        }
        boolean exact = offset == 0;
        Node cut = encloser.cut;
        if (cut != null && !(qtype == Type.DS && exact && encloser == cut)) {
            into.set(Lookup.Outcome.REFERRAL, cut, encloser.zone);
        } else if (exact) {
            into.set(Lookup.Outcome.EXACT, encloser, encloser.zone);
        } else if (encloser.wildcard != null) {
            into.set(Lookup.Outcome.WILDCARD, encloser.wildcard, encloser.zone);
        } else {
            into.set(Lookup.Outcome.NXDOMAIN, null, encloser.zone);
        }
    }

    /** The site that {@code index} stands for in templates and routing decisions. */
    public Site site(int index) {
        return sites[index];
    }

    public int siteCount() {
        return sites.length;
    }

    /** The site whose answer addresses include {@code address}, for mapping answers back (testbed). */
    public Site siteOfAddress(java.net.InetAddress address) {
        return compiled.siteOfAddress(address);
    }

    /** Number of owner names (including empty non-terminals). */
    public int nameCount() {
        return names.size();
    }

    /** The origins served, in load order. */
    public List<Name> origins() {
        return zones.stream().map(z -> z.origin).toList();
    }
}
