package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Errors the compiler finds after loading (the server's extra zone files, and routing references of
 * a world changed after it was loaded) keep the world file's name, line and key path: each row
 * compiles {@link TestWorlds#BASE} with one change and names the exact {@code file:line: key.path: }
 * prefix.
 */
class WorldCompilerErrorTableTest {
    static Stream<Arguments> rows() {
        return Stream.of(
                // the server's --zone files may not take a service's names
                arguments("bad.yaml:28: services[0].names[0]: 'mail.example.com' also has records in zone file extra.zone",
                        zone("mail.example.com."), UnaryOperator.<World>identity()),
                arguments("bad.yaml:33: services[0].regional.name: 'FRA-efz.geo.example.com' also has records in zone file extra.zone",
                        zone("geo.example.com.", "FRA-efz.geo.example.com."), UnaryOperator.<World>identity()),
                arguments("bad.yaml:32: services[0].chain[2].owner: 'mail.geo.example.com' also has records in zone file extra.zone",
                        zone("geo.example.com.", "mail.geo.example.com."), UnaryOperator.<World>identity()),
                // routing references: the fence and unknown sites
                arguments("bad.yaml:43: tenants[0].failover[0]: site 'gov-dc' is in cloud 'gov', not 'world' (clouds are fences:"
                        + " a failover of tenant 'contoso' must be in its own cloud)",
                        null, tenant(t -> new Tenant(t.id(), t.cloud(), t.home(), List.of("gov-dc"), t.mailbox(),
                                t.extraGeos(), t.basis()))),
                arguments("bad.yaml:43: tenants[0].home: unknown site 'nowhere'",
                        null, tenant(t -> new Tenant(t.id(), t.cloud(), "nowhere", t.failover(), t.mailbox(),
                                t.extraGeos(), t.basis()))),
                arguments("bad.yaml:43: tenants[0].home: site 'fra' is a front-door, but the home of tenant 'contoso' must be a datacenter",
                        null, tenant(t -> new Tenant(t.id(), t.cloud(), "fra", t.failover(), t.mailbox(),
                                t.extraGeos(), t.basis()))),
                // a key the file does not have is reported at its nearest written ancestor
                arguments("bad.yaml:23: services[0].fixed_site: unknown site 'nowhere'",
                        null, firstService(s -> new Service(s.id(), s.cloud(), RoutingKind.FIXED, s.siteKind(),
                                s.honoursEcs(), "nowhere", s.names(), s.chain(), s.regional(), s.basis()))),
                arguments("bad.yaml:26: services[0].site_kind: cloud 'gov' has no front-door site for this service to answer with",
                        null, firstService(s -> new Service(s.id(), "gov", s.routing(), s.siteKind(),
                                s.honoursEcs(), null, s.names(), s.chain(), s.regional(), s.basis()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsFileLineKeyPathAndReason(String expected, ZoneSpec extraZone, UnaryOperator<World> change)
            throws WorldException {
        World world = change.apply(WorldLoader.parse(TestWorlds.BASE, "bad.yaml", null));
        List<ZoneSpec> extra = extraZone == null ? List.of() : List.of(extraZone);
        assertThatThrownBy(() -> WorldCompiler.compile(world, extra))
                .isInstanceOf(WorldException.class)
                .satisfies(e -> assertThat(((WorldException) e).errors())
                        .extracting(ConfigError::toString)
                        .anySatisfy(line -> assertThat(line).startsWith(expected)));
    }

    /** A zone file {@code extra.zone} with its SOA and an A record at each of {@code names}. */
    private static ZoneSpec zone(String origin, String... names) {
        try {
            Name o = Name.fromString(origin);
            List<Record> records = new ArrayList<>();
            records.add(new SOARecord(o, DClass.IN, 60, Name.fromString("ns1." + origin),
                    Name.fromString("hostmaster." + origin), 1, 3600, 600, 86400, 60));
            for (String n : names) {
                records.add(new ARecord(Name.fromString(n), DClass.IN, 60,
                        java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1})));
            }
            return new ZoneSpec(o, Path.of("extra.zone"), records);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnaryOperator<World> tenant(UnaryOperator<Tenant> change) {
        return w -> with(w, w.services(), w.tenants().stream().map(change).toList());
    }

    private static UnaryOperator<World> firstService(UnaryOperator<Service> change) {
        return w -> {
            List<Service> services = new ArrayList<>(w.services());
            services.set(0, change.apply(services.get(0)));
            return with(w, services, w.tenants());
        };
    }

    /** The world with other services or tenants, keeping its source lines. */
    private static World with(World w, List<Service> services, List<Tenant> tenants) {
        return new World(w.name(), w.source(), w.server(), w.clouds(), w.sites(), services, tenants, w.networks(),
                w.geoip(), w.answers(), w.zones(), w.lines());
    }
}
