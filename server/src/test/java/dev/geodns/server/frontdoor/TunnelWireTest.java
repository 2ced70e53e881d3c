package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.WorldLocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Front doors told that one Seattle address is a tunnel exit with a Berlin client behind it, over
 * loopback with curl: whoami, the headers and the request log name the tunnel leg, and the anycast
 * edge is still chosen where the packets enter (the office).
 */
class TunnelWireTest {
    /** A tunnel exit at the Seattle office (built-in world's Seattle lab network). */
    static final String EXIT = "127.0.2.77";
    /** Another Seattle address, not a tunnel exit: an office user. */
    static final String OFFICE_USER = "127.0.2.78";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static World world;
    static WorldLocator locator;
    static FrontDoors doors;
    static final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        world = LoopbackAnswerPlan.apply(WorldLoader.builtIn());
        locator = WorldLocator.open(WorldCompiler.compile(world));
        Place berlin = world.networks().stream().filter(n -> n.cidr().toString().equals("127.0.6.0/24"))
                .findFirst().orElseThrow().place();
        doors = FrontDoors.start(world, locator, FrontDoorOptions.defaults().withPorts(FrontDoorLab.freePort(), -1)
                .withStateDir(dir.resolve("state")).withRequestLog(log::add)
                .withTunnels(Map.of(Cidr.parse(EXIT + "/32"), berlin)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (doors != null) {
            doors.close();
        }
        if (locator != null) {
            locator.close();
        }
    }

    static JsonNode whoami(String site, String from) throws Exception {
        String url = doors.listener(site, FrontDoors.Scheme.HTTP).url() + WhoAmI.PATH;
        Curl.Result r = Curl.run(dir, null, "--interface", from, "-H", "Host: outlook.office365.com", url);
        assertThat(r.exit()).as(r.written()).isZero();
        JsonNode j = JSON.readTree(r.body());
        if (!j.at("/located/tunnel").isNull()) {
            assertThat(r.header("X-GeoDNS-Tunnel")).startsWith("Berlin, DE -> Seattle, US, ");
        } else {
            assertThat(r.header("X-GeoDNS-Tunnel")).isNull();
        }
        return j;
    }

    @Test
    void whoamiAndTheRequestLogNameTheTunnelLeg() throws Exception {
        Curl.require();
        JsonNode j = whoami("fra", EXIT);
        assertThat(j.at("/client/address").asText()).isEqualTo(EXIT);
        assertThat(j.at("/located/place").asText()).isEqualTo("Seattle, US");
        assertThat(j.at("/located/tunnel/clientPlace").asText()).isEqualTo("Berlin, DE");
        assertThat(j.at("/located/tunnel/exit").asText()).isEqualTo("Seattle, US");
        JsonNode legs = j.at("/delay/legs");
        assertThat(legs).hasSize(3);
        assertThat(legs.get(0).get("kind").asText()).isEqualTo("tunnel");
        assertThat(legs.get(1).get("kind").asText()).isEqualTo("access");
        assertThat(legs.get(2).get("kind").asText()).isEqualTo("backbone");
        double sum = legs.get(0).get("rttMs").asDouble() + legs.get(1).get("rttMs").asDouble()
                + legs.get(2).get("rttMs").asDouble();
        assertThat(j.at("/delay/modelMs").asDouble()).isCloseTo(sum, within(0.05));
        assertThat(j.at("/located/tunnel/rttMs").asDouble()).isEqualTo(legs.get(0).get("rttMs").asDouble());
        String id = j.at("/requestId").asText();
        String line = log.stream().filter(l -> l.contains(id)).findFirst().orElseThrow();
        JsonNode logged = JSON.readTree(line);
        assertThat(logged.get("tunnel").asText()).isEqualTo("Berlin, DE -> Seattle, US");
        assertThat(logged.get("tunnelMs").asDouble()).isCloseTo(legs.get(0).get("rttMs").asDouble(), within(0.06));
    }

    @Test
    void anOfficeAddressThatIsNoTunnelExitPaysTheOfficesPathOnly() throws Exception {
        Curl.require();
        JsonNode tunnel = whoami("fra", EXIT);
        JsonNode office = whoami("fra", OFFICE_USER);
        assertThat(office.at("/located/place").asText()).isEqualTo("Seattle, US");
        assertThat(office.at("/located/tunnel").isNull()).isTrue();
        assertThat(office.at("/delay/legs")).hasSize(2);
        assertThat(tunnel.at("/delay/modelMs").asDouble() - office.at("/delay/modelMs").asDouble())
                .isCloseTo(tunnel.at("/located/tunnel/rttMs").asDouble(), within(0.05));
        String id = office.at("/requestId").asText();
        assertThat(log.stream().filter(l -> l.contains(id)).findFirst().orElseThrow()).doesNotContain("tunnel");
    }

    @Test
    void theAnycastEdgeIsTheOnesNearestTheOfficeAndTheTunnelLegComesOnTop() throws Exception {
        Curl.require();
        Site edge = world.site("teams-edge").orElseThrow();
        String url = "http://" + edge.ipv4().get(0).getHostAddress() + ":"
                + doors.listener("fra", FrontDoors.Scheme.HTTP).address().getPort() + WhoAmI.PATH;
        Curl.Result r = Curl.run(dir, null, "--interface", EXIT, "-H", "Host: teams.microsoft.com", url);
        assertThat(r.exit()).as(r.written()).isZero();
        JsonNode j = JSON.readTree(r.body());
        Site served = world.site(j.at("/site/id").asText()).orElseThrow();
        assertThat(served.place().continent().name()).isEqualTo("NA");
        assertThat(j.at("/delay/legs/0/kind").asText()).isEqualTo("tunnel");
        assertThat(j.at("/delay/legs/1/from").asText()).isEqualTo("Seattle, US");
    }
}
