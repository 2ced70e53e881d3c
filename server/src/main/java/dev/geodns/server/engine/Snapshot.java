package dev.geodns.server.engine;

import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The DNS data of one loaded world, compiled for answering: every owner name turned into a
 * {@link Node} in an allocation-free lookup table, answers built as wire bytes on first use and
 * kept. Immutable once built (only the answer caches fill in); replaced as a whole on reload.
 */
public final class Snapshot {
    final CompiledWorld compiled;
    final World world;
    final NameTable<Node> names;
    final List<Zone> zones;
    final Map<Name, List<Record>> glue;
    final Site[] sites;
    final Template refused;
    final AnswerBuilder builder;
    final QueryEngine.Identity identity;

    Snapshot(CompiledWorld compiled, NameTable<Node> names, List<Zone> zones, Map<Name, List<Record>> glue,
            Site[] sites) {
        this.compiled = compiled;
        this.world = compiled.world();
        this.names = names;
        this.zones = List.copyOf(zones);
        this.glue = Map.copyOf(glue);
        this.sites = sites;
        this.refused = new Template(new byte[0], 0, 0, 0, org.xbill.DNS.Rcode.REFUSED, false, -1);
        this.builder = new AnswerBuilder(this);
        String version = world.server().version() != null ? world.server().version() : "GeoDNS Emulator";
        this.identity = new QueryEngine.Identity(world.server().id(), version);
    }

    public World world() {
        return world;
    }

    /** The compiled world this snapshot was built from. */
    public CompiledWorld compiled() {
        return compiled;
    }

    /** The node for the lower-cased wire name in {@code bytes[offset, offset+length)}, or null. */
    Node find(byte[] bytes, int offset, int length) {
        return names.get(bytes, offset, length);
    }

    /** The deepest existing node at or above {@code name} (its closest encloser), or null. */
    Node closestEncloser(byte[] key, int length) {
        int offset = 0;
        while (offset < length) {
            Node n = names.get(key, offset, length - offset);
            if (n != null) {
                return n;
            }
            if (key[offset] == 0) {
                return null;
            }
            offset += (key[offset] & 0xff) + 1;
        }
        return null;
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
