package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Service;
import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Binds a client's {@code lookups}: each a DNS name, or a shortcut {@code SERVICE} or
 * {@code SERVICE:TENANT} that becomes the service's name (for the client's tenant when the service
 * has one name per tenant). Which service a name belongs to is {@link ServiceLookup}'s answer.
 */
final class LookupBinder {
    private final ScenarioWorld world;
    private final TenantScope tenants;

    LookupBinder(ScenarioWorld world, TenantScope tenants) {
        this.world = world;
        this.tenants = tenants;
    }

    /** The lookups of client {@code c}, whose own tenant is {@code clientTenant} (or null); null after reporting. */
    List<Lookup> bind(Fields c, String clientTenant) {
        List<String> texts = c.stringsOrNull("lookups", true);
        if (texts == null) {
            return null;
        }
        if (texts.isEmpty()) {
            c.error("lookups", "at least one lookup is needed");
            return null;
        }
        List<Lookup> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (String text : texts) {
            if (!seen.add(text)) {
                c.error("lookups", "'" + text + "' is listed twice");
                ok = false;
                continue;
            }
            Lookup l = !world.loaded() ? null : text.contains(".") ? name(c, text, clientTenant)
                    : shortcut(c, text, clientTenant);
            if (l == null) {
                ok = false;
            } else {
                out.add(l);
            }
        }
        return ok ? out : null;
    }

    /** A literal DNS name; the service and tenant are those whose name it is. */
    private Lookup name(Fields c, String text, String clientTenant) {
        String name;
        try {
            name = Name.fromString(text.toLowerCase(Locale.ROOT), Name.root).toString();
        } catch (TextParseException e) {
            c.error("lookups", "'" + text + "' is not a valid DNS name: " + e.getMessage());
            return null;
        }
        ServiceLookup.Owner owner = world.services().ownerOf(name);
        if (owner == null) {
            return new Lookup(text, name, null, null);
        }
        String tenant = owner.tenant() == null ? world.services().sameCloud(clientTenant, owner.service())
                : tenants.ref(c, "lookups", owner.tenant());
        if (owner.tenant() != null && tenant == null) {
            return null;
        }
        return new Lookup(text, name, owner.service().id(), tenant);
    }

    /** {@code SERVICE} or {@code SERVICE:TENANT}. */
    private Lookup shortcut(Fields c, String text, String clientTenant) {
        String[] parts = text.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
            c.error("lookups", "'" + text + "' is neither a DNS name nor SERVICE or SERVICE:TENANT");
            return null;
        }
        Service s = world.world().service(parts[0]).orElse(null);
        if (s == null) {
            c.error("lookups", "unknown service '" + parts[0] + "' in '" + text + "' (services: " + world.serviceIds()
                    + "; or write a DNS name)");
            return null;
        }
        ServiceLookup names = world.services();
        String tenant;
        if (parts.length == 2) {
            tenant = tenants.ref(c, "lookups", parts[1]);
            if (tenant == null) {
                return null;
            }
            String fence = names.fenceProblem(tenant, s);
            if (fence != null) {
                c.error("lookups", "'" + text + "': " + fence);
                return null;
            }
        } else {
            tenant = names.sameCloud(clientTenant, s);
        }
        if (s.perTenant()) {
            if (tenant == null) {
                c.error("lookups", "'" + text + "': service " + s.id() + " has one name per tenant; write "
                        + s.id() + ":TENANT or give the client a tenant of cloud " + s.cloud());
                return null;
            }
            return new Lookup(text, names.tenantName(s, tenant), s.id(), tenant);
        }
        String literal = names.literalName(s);
        if (literal == null) {
            c.error("lookups", "service " + s.id() + " has no literal name to look up");
            return null;
        }
        return new Lookup(text, literal, s.id(), tenant);
    }
}
