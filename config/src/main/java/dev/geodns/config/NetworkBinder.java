package dev.geodns.config;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Binds the {@code networks} section (the lab address plan); a CIDR may appear only once. */
final class NetworkBinder {
    private NetworkBinder() {
    }

    static List<LabNetwork> bind(Fields root) {
        List<LabNetwork> out = new ArrayList<>();
        Map<Cidr, Bound<LabNetwork>> seen = new HashMap<>();
        for (Fields n : root.maps("networks", false)) {
            if (n == null) {
                continue;
            }
            List<String> keys = new ArrayList<>(List.of("cidr"));
            keys.addAll(List.of(PlaceBinder.KEYS));
            n.allow(keys.toArray(new String[0]));
            Cidr cidr = SettingsBinder.cidr(n, "cidr");
            Place place = PlaceBinder.place(n);
            if (cidr == null || place == null) {
                continue;
            }
            LabNetwork network = new LabNetwork(cidr, place);
            Bound<LabNetwork> first = seen.putIfAbsent(cidr, new Bound<>(network, n));
            if (first != null) {
                String how = first.value().place().equals(place) ? "with the same place"
                        : "with a different place (" + first.value().place().label() + " there, " + place.label() + " here)";
                n.error("cidr", cidr + " is already listed at " + first.at().path() + " (line " + first.at().line()
                        + ") " + how);
                continue;
            }
            out.add(network);
        }
        return out;
    }
}
