package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.YamlNode;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * Binds the keys clients and resolvers share: {@code id}, {@code place} and {@code address}. In two
 * steps, so that every explicit address of a section is taken before any default is handed out:
 * {@link #bind} first for each item, then {@link #withDefaultAddress}.
 */
final class EndpointBinder {
    private final ScenarioWorld world;
    private final LoopbackAddresses addresses = new LoopbackAddresses();

    /** Reserves every address written under {@code resolvers} and {@code clients} of {@code root}. */
    EndpointBinder(ScenarioWorld world, Fields root) {
        this.world = world;
        for (String key : List.of("resolvers", "clients")) {
            if (root.node(key) instanceof YamlNode.ListNode l) {
                for (YamlNode item : l.items()) {
                    if (item instanceof YamlNode.MapNode m && m.entries().get("address") != null
                            && m.entries().get("address").value() instanceof YamlNode.Scalar s) {
                        byte[] raw = Cidr.parseLiteral(s.text());
                        if (raw != null) {
                            addresses.reserve(LoopbackAddresses.of(raw));
                        }
                    }
                }
            }
        }
    }

    /**
     * The id, place and explicit address of {@code f}.
     *
     * @param ids the ids of the section so far, to report duplicates
     * @param what {@code client} or {@code resolver}, for messages
     */
    Endpoint bind(Fields f, Set<String> ids, String what) {
        String id = f.string("id");
        if (id != null && !ScenarioLoader.ID.matcher(id).matches()) {
            f.error("id", "must be lower-case letters, digits, '-' or '_'");
        } else if (id != null && !ids.add(id)) {
            f.error("id", "duplicate " + what + " id '" + id + "'");
        }
        BoundPlace place = PlaceBinder.bind(f, "place", world);
        return new Endpoint(f, id, place, explicitAddress(f, place));
    }

    /** {@code e} with an address drawn from its city's loopback network when the file gives none. */
    Endpoint withDefaultAddress(Endpoint e, int firstHost) {
        if (e.address() != null || e.at().has("address") || e.place() == null) {
            return e;
        }
        Fields f = e.at();
        Cidr net = e.place().city() == null ? null : world.places().loopbackNetworkOf(e.place().city());
        if (net == null) {
            f.error("address", "missing: '" + e.where().label() + "' has no loopback network in the lab plan to draw an"
                    + " address from; give address (127.x.y.z)");
            return e;
        }
        InetAddress a = addresses.next(net, firstHost);
        if (a == null) {
            f.error("address", "no free address left in " + net);
        }
        return new Endpoint(f, e.id(), e.place(), a);
    }

    /** The address {@code f} gives, checked against the place; null when absent or invalid. */
    private InetAddress explicitAddress(Fields f, BoundPlace place) {
        if (!f.has("address")) {
            return null;
        }
        String text = f.optString("address", null);
        if (text == null) {
            return null;
        }
        byte[] raw = Cidr.parseLiteral(text);
        if (raw == null) {
            f.error("address", "'" + text + "' is not an IP address");
            return null;
        }
        InetAddress a = LoopbackAddresses.of(raw);
        if (!Places.bindable(a)) {
            f.error("address", text + " is not a loopback address (127.0.0.0/8): the testbed binds it as the source of"
                    + " its queries, which needs no setup only on loopback");
            return null;
        }
        if (!addresses.claim(a)) {
            f.error("address", text + " is already used by another client or resolver");
            return null;
        }
        if (world.loaded() && place != null && place.city() != null) {
            LabNetwork n = world.places().networkOf(a);
            if (n == null) {
                f.error("address", text + " is in no network of the world's lab plan: the server could not place it");
            } else if (!n.place().city().equalsIgnoreCase(place.city())) {
                f.error("address", text + " is in " + n.place().city() + "'s lab network (" + n.cidr() + "), not "
                        + place.city() + "'s: the server would place it in " + n.place().city());
            }
        }
        return a;
    }
}
