package dev.geodns.testbed.lab;

import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.Where;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lab of a scenario, worked out without touching the system: one namespace per client, resolver
 * and VPN office, one for the emulator, one for the sites and a router joining them; every address
 * on the 198.18.0.0/15 plan (links in {@value #LINKS}, tunnels in {@value #TUNNELS}, the world's site
 * answers below them) and the lab networks that place the lab's own addresses where the scenario's
 * clients, resolvers and offices stand.
 *
 * @param scenario a built-in scenario's name or the scenario file's absolute path
 * @param siteNetworks the /24s the world's sites answer from (routed to the sites namespace)
 * @param networks the lab networks to add to the world (one /32 per lab address that is located)
 */
public record LabPlan(String id, String scenario, List<LabNode> nodes, List<LabTunnel> tunnels,
        List<String> siteNetworks, List<LabNetwork> networks) {
    /** Router links: a /30 each, the router's end .1, the node's .2. */
    public static final String LINKS = "198.19.252.0/22";
    /** VPN tunnels: a /30 each, the office's end .1, the client's .2. */
    public static final String TUNNELS = "198.19.248.0/22";
    /** Everything the lab's own nodes use; no site may answer from here. */
    public static final String LAB_OWN = "198.19.248.0/21";
    /** The whole plan: the only destination any lab namespace has a route to. */
    public static final String PLAN = "198.18.0.0/15";

    public LabPlan {
        nodes = List.copyOf(nodes);
        tunnels = List.copyOf(tunnels);
        siteNetworks = List.copyOf(siteNetworks);
        networks = List.copyOf(networks);
    }

    /** Works out the lab of {@code scenario} (loaded from {@code ref}) under lab id {@code id}. */
    public static LabPlan of(String id, String ref, Scenario scenario) {
        World world = scenario.world();
        dev.geodns.config.compiled.LabPlan worldPlan = new dev.geodns.config.compiled.LabPlan(world.networks());
        Cidr links = Cidr.parse(LINKS);
        Cidr tunnelNet = Cidr.parse(TUNNELS);
        Cidr own = Cidr.parse(LAB_OWN);
        Cidr plan = Cidr.parse(PLAN);
        Set<String> siteNets = new LinkedHashSet<>();
        for (Site s : world.sites()) {
            for (Inet4Address a : s.ipv4()) {
                if (!plan.contains(a) || own.contains(a)) {
                    throw new IllegalArgumentException("site " + s.id() + " answers from " + a.getHostAddress()
                            + ": the namespace lab needs every site answer inside " + PLAN + " and outside " + LAB_OWN);
                }
                siteNets.add(Cidr.of(a, 24).toString());
            }
        }
        List<LabNode> nodes = new ArrayList<>();
        List<LabNetwork> overlay = new ArrayList<>();
        nodes.add(new LabNode(LabRole.ROUTER.word(), LabRole.ROUTER, LabNames.namespace(id, LabRole.ROUTER, ""), null,
                null, null, null, null));
        int[] link = {0};
        nodes.add(node(id, LabRole.EMULATOR, LabRole.EMULATOR.word(), null, links, link));
        nodes.add(node(id, LabRole.SITES, LabRole.SITES.word(), null, links, link));
        Map<String, LabNode> offices = new LinkedHashMap<>();
        for (ResolverSpec r : scenario.resolvers()) {
            if (r.isVpn() && r.office() != null) {
                LabNode office = node(id, LabRole.OFFICE, r.id(), placeOf(r.office(), null, worldPlan, world), links,
                        link);
                nodes.add(office);
                offices.put(r.id(), office);
                overlay.add(host(office.address(), office.place()));
            }
        }
        for (ResolverSpec r : scenario.resolvers()) {
            LabNode n = node(id, LabRole.RESOLVER, r.id(), placeOf(r.place(), r.address(), worldPlan, world), links,
                    link);
            nodes.add(n);
            overlay.add(host(n.address(), n.place()));
        }
        List<LabTunnel> tunnels = new ArrayList<>();
        for (ClientSpec c : scenario.clients()) {
            LabNode n = node(id, LabRole.CLIENT, c.id(), placeOf(c.place(), c.address(), worldPlan, world), links,
                    link);
            nodes.add(n);
            overlay.add(host(n.address(), n.place()));
            ResolverSpec r = scenario.resolver(c.resolver()).orElseThrow();
            LabNode office = offices.get(r.id());
            if (office != null) {
                int t = tunnels.size();
                String officeEnd = tunnelNet.addressAt(4L * t + 1).getHostAddress();
                String clientEnd = tunnelNet.addressAt(4L * t + 2).getHostAddress();
                List<String> through = r.fullTunnel() ? List.copyOf(siteNets)
                        : SplitTunnel.throughOffice(world, r, List.copyOf(siteNets));
                tunnels.add(new LabTunnel(c.id(), office.id(), clientEnd, officeEnd,
                        LabNames.veth(id, 500 + t, 'c'), LabNames.veth(id, 500 + t, 'o'), r.fullTunnel(), through));
                overlay.add(host(clientEnd, office.place()));
            }
        }
        if (link[0] > 255) {
            throw new IllegalArgumentException("a lab holds at most 253 clients, resolvers and offices");
        }
        return new LabPlan(id, ref, nodes, tunnels, List.copyOf(siteNets), overlay);
    }

    private static LabNode node(String lab, LabRole role, String id, Place place, Cidr links, int[] link) {
        int i = link[0]++;
        String gateway = links.addressAt(4L * i + 1).getHostAddress();
        String address = links.addressAt(4L * i + 2).getHostAddress();
        return new LabNode(id, role, LabNames.namespace(lab, role, id), address, gateway, LabNames.veth(lab, i, 'n'),
                LabNames.veth(lab, i, 'r'), place);
    }

    private static LabNetwork host(String address, Place place) {
        return new LabNetwork(Cidr.parse(address + "/32"), place);
    }

    /**
     * The place of a scenario endpoint: the world's lab network of its (loopback) address when it has
     * one, so the lab locates it exactly as the model does; else its coordinates, on the continent of
     * the nearest lab network when the scenario gave none.
     */
    static Place placeOf(Where where, InetAddress address, dev.geodns.config.compiled.LabPlan worldPlan, World world) {
        LabNetwork n = address == null ? null : worldPlan.networkOf(address);
        if (n != null) {
            return n.place();
        }
        Continent continent = where.continent() != null ? Continent.valueOf(where.continent())
                : world.networks().stream()
                        .min(java.util.Comparator.comparingDouble(x -> GreatCircle.distanceKm(x.place().latitude(),
                                x.place().longitude(), where.latitude(), where.longitude())))
                        .map(x -> x.place().continent()).orElse(Continent.EU);
        return new Place(where.label(), null, continent, where.latitude(), where.longitude());
    }

    public Optional<LabNode> node(LabRole role, String id) {
        return nodes.stream().filter(n -> n.role() == role && n.id().equals(id)).findFirst();
    }

    /** The node of the client or, failing that, of any node with this id or namespace. */
    public Optional<LabNode> find(String idOrNamespace) {
        Optional<LabNode> c = node(LabRole.CLIENT, idOrNamespace);
        if (c.isPresent()) {
            return c;
        }
        return nodes.stream().filter(n -> n.id().equals(idOrNamespace) || n.namespace().equals(idOrNamespace))
                .findFirst();
    }

    public LabNode router() {
        return nodes.get(0);
    }

    public LabNode emulator() {
        return node(LabRole.EMULATOR, LabRole.EMULATOR.word()).orElseThrow();
    }

    public LabNode sites() {
        return node(LabRole.SITES, LabRole.SITES.word()).orElseThrow();
    }

    public Optional<LabTunnel> tunnelOf(String client) {
        return tunnels.stream().filter(t -> t.client().equals(client)).findFirst();
    }

    /**
     * The tunnel exits the front doors must know: each tunnel's client address (a /32, which the lab's
     * world places at the office: requests from it arrive there) and the place of the client behind it.
     * The office forwards without NAT, so this address is what the front door sees.
     */
    public Map<Cidr, Place> tunnelExits() {
        Map<Cidr, Place> exits = new LinkedHashMap<>();
        for (LabTunnel t : tunnels) {
            exits.put(Cidr.parse(t.clientAddress() + "/32"), node(LabRole.CLIENT, t.client()).orElseThrow().place());
        }
        return exits;
    }

    /** Every namespace of the lab, the router first. */
    public List<String> namespaces() {
        return nodes.stream().map(LabNode::namespace).toList();
    }
}
