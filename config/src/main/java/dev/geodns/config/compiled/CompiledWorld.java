package dev.geodns.config.compiled;

import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A world compiled once for everyone who serves or tests it: sites numbered, each service's
 * candidates fenced, tenant sets and preference lists, every name with its placeholders filled
 * (collisions refused), the answer-address index, the lab plan's longest-prefix lookup and the
 * geometry of the latency model. Made by {@code dev.geodns.config.WorldCompiler}; immutable and
 * thread-safe.
 *
 * <p>Where each rule lives: the cloud fence in {@link Fence}, placeholders in {@link NamePatterns},
 * expansion, preference lists and collisions in {@code WorldCompiler}, longest-prefix match in
 * {@link LabPlan}. This package depends only on the model: the compiler, which reports errors,
 * sits beside the loader.
 */
public final class CompiledWorld {
    private final World world;
    private final List<ZoneSpec> zones;
    private final Map<String, Integer> siteIndex;
    private final List<CompiledService> services;
    private final Map<String, CompiledService> servicesById;
    private final Map<InetAddress, Integer> siteOfAddress;
    private final LabPlan labPlan;
    private final Set<Place> routingPlaces;
    private final LatencyModel latency;
    private volatile Map<Name, EntryName> entries;
    private final Name whoami;

    /** Built by the world compiler ({@code dev.geodns.config.WorldCompiler}); use it to get one. */
    public CompiledWorld(World world, List<ZoneSpec> zones, Map<String, Integer> siteIndex, List<CompiledService> services,
            Map<InetAddress, Integer> siteOfAddress, LabPlan labPlan, Set<Place> routingPlaces, Name whoami) {
        this.world = world;
        this.whoami = whoami;
        this.zones = List.copyOf(zones);
        this.siteIndex = Map.copyOf(siteIndex);
        this.services = List.copyOf(services);
        Map<String, CompiledService> byId = new HashMap<>();
        services.forEach(s -> byId.putIfAbsent(s.service().id(), s));
        this.servicesById = Map.copyOf(byId);
        this.siteOfAddress = Map.copyOf(siteOfAddress);
        this.labPlan = labPlan;
        this.routingPlaces = Collections.unmodifiableSet(routingPlaces);
        this.latency = new LatencyModel(LatencySettings.defaults(world));
    }

    /** The whoami name (its zone is among {@link #zones()}), or null when the world has none. */
    public Name whoami() {
        return whoami;
    }

    /**
     * The front doors of {@code cloud}, by site index in file order: the edges an anycast site of that
     * cloud is announced from.
     */
    public int[] frontDoors(String cloud) {
        List<Site> all = sites();
        return java.util.stream.IntStream.range(0, all.size())
                .filter(i -> Fence.admits(all.get(i), cloud, dev.geodns.config.model.SiteKind.FRONT_DOOR))
                .toArray();
    }

    public World world() {
        return world;
    }

    /** The world's zones and then the extra zones, in order. */
    public List<ZoneSpec> zones() {
        return zones;
    }

    /** The sites, numbered 0..n-1 in file order: the index every site array and table uses. */
    public List<Site> sites() {
        return world.sites();
    }

    public int siteCount() {
        return world.sites().size();
    }

    public Site site(int index) {
        return world.sites().get(index);
    }

    /** The index of the site with this id, or -1. */
    public int siteIndex(String id) {
        Integer i = id == null ? null : siteIndex.get(id);
        return i == null ? -1 : i;
    }

    /** The services, in file order. */
    public List<CompiledService> services() {
        return services;
    }

    /**
     * The compiled form of {@code service} (one of this world's).
     *
     * @throws IllegalArgumentException for a service of another world
     */
    public CompiledService service(Service service) {
        for (CompiledService s : services) {
            if (s.service() == service) {
                return s;
            }
        }
        CompiledService s = servicesById.get(service.id());
        if (s == null) {
            throw new IllegalArgumentException("service '" + service.id() + "' is not in this world");
        }
        return s;
    }

    /** The compiled service with this id, or null. */
    public CompiledService service(String id) {
        return servicesById.get(id);
    }

    /** The site whose answer addresses include {@code address} (the first in file order), or null. */
    public Site siteOfAddress(InetAddress address) {
        Integer i = address == null ? null : siteOfAddress.get(address);
        return i == null ? null : site(i);
    }

    /** The site of the first of {@code addresses} that is an answer address, or null. */
    public Site siteOf(List<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            Site s = siteOfAddress(a);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The lab address plan's longest-prefix lookup. */
    public LabPlan labPlan() {
        return labPlan;
    }

    /**
     * The places routing ranks sites from ahead of time: every lab network's place and every
     * cloud's default site's place, in that order.
     */
    public Set<Place> routingPlaces() {
        return routingPlaces;
    }

    /** The great-circle distance from {@code from} to site {@code index}, in km. */
    public double distanceKm(Place from, int index) {
        return GreatCircle.distanceKm(from, site(index).place());
    }

    /** The world's latency model with its default constants ({@link LatencySettings#defaults}). */
    public LatencyModel latencyModel() {
        return latency;
    }

    /**
     * Whose entry name {@code name} is (a name listed under a service's {@code names}, its
     * {@code {tenant}} filled for each tenant the service serves), or null. Names compare
     * case-insensitively. The index is built on first use.
     */
    public EntryName entry(Name name) {
        Map<Name, EntryName> e = entries;
        if (e == null) {
            e = entryIndex();
            entries = e;
        }
        return e.get(name);
    }

    /** Like {@link #entry(Name)} for a name in text (the trailing dot may be left out); null for no name. */
    public EntryName entry(String name) {
        try {
            return entry(Name.fromString(name, Name.root));
        } catch (TextParseException e) {
            return null;
        }
    }

    private Map<Name, EntryName> entryIndex() {
        Map<Name, EntryName> out = new HashMap<>();
        for (CompiledService cs : services) {
            Service s = cs.service();
            for (String pattern : s.names()) {
                List<Tenant> tenants = pattern.contains(ChainStep.TENANT) ? cs.tenants() : Collections.singletonList(null);
                for (Tenant t : tenants) {
                    try {
                        Name n = Name.fromString(NamePatterns.expand(pattern, t == null ? null : t.id(), null), Name.root);
                        out.putIfAbsent(n, new EntryName(s, t));
                    } catch (TextParseException ignored) {
                        // the compiler refused such names: a compiled world has none
                    }
                }
            }
        }
        return out;
    }
}
