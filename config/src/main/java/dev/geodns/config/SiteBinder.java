package dev.geodns.config;

import dev.geodns.config.model.AnswerAddresses;
import dev.geodns.config.model.Basis;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.yaml.Fields;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

/** Binds the {@code clouds} and {@code sites} sections (references are checked by {@link WorldValidator}). */
final class SiteBinder {
    private SiteBinder() {
    }

    static List<Bound<Cloud>> clouds(Fields root) {
        List<Bound<Cloud>> out = new ArrayList<>();
        for (Fields c : root.maps("clouds", true)) {
            if (c == null) {
                continue;
            }
            c.allow("id", "description", "default_site", "basis");
            String id = Choices.id(c, "id");
            String description = c.optString("description", "");
            String defaultSite = c.string("default_site");
            Basis basis = c.optChoice("basis", Choices.BASES, Basis.FOUND);
            if (id != null && defaultSite != null && basis != null) {
                out.add(new Bound<>(new Cloud(id, description, defaultSite, basis), c));
            }
        }
        return out;
    }

    static List<Bound<Site>> sites(Fields root, AnswerAddresses answers) {
        List<Fields> items = root.maps("sites", false);
        if (items.isEmpty() && root.isListOrAbsent("sites")) {
            root.error("sites", "a world needs at least one site");
        }
        AddressPlan plan = new AddressPlan(answers);
        List<Bound<Site>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields s = items.get(i);
            if (s == null) {
                continue;
            }
            s.allow("id", "kind", "code", "city", "country", "continent", "latitude", "longitude", "cloud", "basis",
                    "ipv4", "ipv6");
            String id = Choices.id(s, "id");
            SiteKind kind = s.choice("kind", Choices.SITE_KINDS);
            String code = s.optString("code", id);
            if (code != null && !DnsNames.isLabelFragment(code)) {
                s.error("code", "'" + code + "' cannot be part of a DNS label (letters, digits and hyphens, at most 63)");
                code = null;
            }
            Place place = PlaceBinder.place(s);
            String cloud = s.string("cloud");
            Basis basis = s.optChoice("basis", Choices.BASES, Basis.FOUND);
            List<Inet4Address> v4 = plan.ipv4(i, s, id);
            List<Inet6Address> v6 = plan.ipv6(i, s, id);
            if (s.node("ipv4") != null && s.node("ipv6") != null && s.items("ipv4").isEmpty()
                    && s.items("ipv6").isEmpty()) {
                s.error("ipv4", "ipv4 and ipv6 are both empty: the site would have no address to answer with");
            }
            if (id != null && kind != null && code != null && place != null && cloud != null && basis != null) {
                out.add(new Bound<>(new Site(id, kind, code, place, cloud, basis, v4, v6), s));
            }
        }
        return out;
    }
}
