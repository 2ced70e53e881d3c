package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Suggestion;
import dev.geodns.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds the {@code clients} section; each client's lookups go to {@link LookupBinder}. */
final class ClientBinder {
    /** Default client addresses are drawn from host .10 of the city's network up. */
    static final int FIRST_HOST = 10;

    private final EndpointBinder endpoints;
    private final TenantScope tenants;
    private final LookupBinder lookups;

    ClientBinder(EndpointBinder endpoints, TenantScope tenants, LookupBinder lookups) {
        this.endpoints = endpoints;
        this.tenants = tenants;
        this.lookups = lookups;
    }

    List<ClientSpec> bind(Fields root, List<ResolverSpec> resolvers) {
        List<YamlNode> items = root.listOrNull("clients", true);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            root.error("clients", "at least one client is needed");
        }
        Set<String> declared = DeclaredIds.of(root, "resolvers");
        Map<String, ResolverSpec> byId = new HashMap<>();
        resolvers.forEach(r -> byId.put(r.id(), r));
        List<Endpoint> bound = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Fields c = Fields.of(items.get(i), root.path("clients", i), root.problems());
            if (c != null) {
                c.allow("id", "place", "address", "resolver", "local_resolver", "tenant", "lookups");
                bound.add(endpoints.bind(c, ids, "client"));
            }
        }
        List<ClientSpec> out = new ArrayList<>();
        for (Endpoint e : bound) {
            ClientSpec spec = client(endpoints.withDefaultAddress(e, FIRST_HOST), byId, declared);
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    private ClientSpec client(Endpoint e, Map<String, ResolverSpec> resolvers, Set<String> declared) {
        Fields c = e.at();
        String resolver = c.string("resolver");
        if (resolver != null && !resolvers.containsKey(resolver)) {
            unknownResolver(c, "resolver", resolver, declared);
            resolver = null;
        }
        String local = c.optString("local_resolver", null);
        if (local != null) {
            ResolverSpec lr = resolvers.get(local);
            if (lr == null) {
                unknownResolver(c, "local_resolver", local, declared);
                local = null;
            } else if (lr.isVpn()) {
                c.error("local_resolver", "'" + local + "' is a VPN resolver; the baseline must be kind: local");
                local = null;
            }
        }
        String tenant = c.optString("tenant", null);
        if (tenant != null) {
            tenant = tenants.ref(c, "tenant", tenant);
        }
        List<Lookup> bound = lookups.bind(c, tenant);
        if (e.id() == null || e.place() == null || e.address() == null || resolver == null || bound == null) {
            return null;
        }
        return new ClientSpec(e.id(), e.where(), e.address(), resolver, local, tenant, bound);
    }

    /**
     * Reports a resolver id that names no resolver; one the file declares but that failed to bind
     * has its own error already, and repeating it at each client would bury that root cause.
     */
    private static void unknownResolver(Fields c, String key, String id, Set<String> declared) {
        if (!declared.contains(id)) {
            c.error(key, "unknown resolver '" + id + "' (resolvers: " + declared + ")"
                    + Suggestion.didYouMean(id, declared));
        }
    }
}
