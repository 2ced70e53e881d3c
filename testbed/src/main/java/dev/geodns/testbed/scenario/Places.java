package dev.geodns.testbed.scenario;

import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.compiled.LabPlan;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The world's lab address plan seen from a scenario: city names to networks, addresses to cities. */
final class Places {
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
    private final Map<String, List<LabNetwork>> byCity = new LinkedHashMap<>();
    private final LabPlan plan;

    Places(CompiledWorld compiled) {
        this.plan = compiled.labPlan();
        for (LabNetwork n : plan.networks()) {
            if (n.place().city() != null) {
                byCity.computeIfAbsent(n.place().city().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(n);
            }
        }
    }

    /** The lab networks of {@code city} (case-insensitive), empty when unknown. */
    List<LabNetwork> city(String city) {
        return byCity.getOrDefault(city.toLowerCase(Locale.ROOT), List.of());
    }

    /** The cities of the plan, in plan order, for error messages. */
    String cityList() {
        return String.join(", ", cities());
    }

    /** The city names of the plan, in plan order. */
    List<String> cities() {
        List<String> names = new ArrayList<>();
        for (List<LabNetwork> l : byCity.values()) {
            names.add(l.get(0).place().city());
        }
        return names;
    }

    /** The loopback /8 network of {@code city} that addresses are drawn from, or null. */
    Cidr loopbackNetworkOf(String city) {
        for (LabNetwork n : city(city)) {
            if (LOOPBACK.covers(n.cidr())) {
                return n.cidr();
            }
        }
        return null;
    }

    /** The most specific lab network holding {@code address}, or null. */
    LabNetwork networkOf(InetAddress address) {
        return plan.networkOf(address);
    }

    static boolean bindable(InetAddress address) {
        return LOOPBACK.contains(address) || address.isLoopbackAddress();
    }
}
