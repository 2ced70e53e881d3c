package dev.geodns.testbed.resolvers;

import static org.junit.jupiter.api.Assertions.fail;

import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The emulator in process on 127.0.0.1:ephemeral with an {@link EmulatorQueryLog}, plus the real
 * resolvers a test starts; closing it stops the resolvers by PID, then the emulator. A resolver or
 * client tool that is not installed skips the test, except in CI (env CI set), where it fails:
 * CI installs them.
 */
final class Lab implements AutoCloseable {
    final EmulatorQueryLog log = new EmulatorQueryLog();
    final GeoDnsServer server;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Lab(World world) throws Exception {
        server = GeoDnsServer.builder().world(world).dns(new InetSocketAddress("127.0.0.1", 0)).observer(log)
                .threads(2).start();
    }

    /** The built-in world with ECS honoured everywhere (serve --ecs-everywhere): the stub tests follow subnets. */
    static Lab builtIn() throws Exception {
        return new Lab(WorldLoader.builtIn().withEcsEverywhere());
    }

    static Lab of(World world) throws Exception {
        return new Lab(world);
    }

    /** A spec for {@code kind} at {@code address}:53 asking this emulator. */
    ResolverSpec spec(ResolverKind kind, String address) {
        return ResolverSpec.forEmulator(kind, ip(address), server);
    }

    /** Starts a resolver, owned by this lab; a missing binary or no root skips (fails in CI). */
    ResolverProcess start(ResolverSpec spec) throws Exception {
        try {
            ResolverProcess p = ResolverProcess.start(spec);
            owned.add(p);
            return p;
        } catch (ResolverUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** Closes {@code c} with the lab (before the emulator). */
    <T extends AutoCloseable> T own(T c) {
        owned.add(c);
        return c;
    }

    ObservingClient client(StubClient stub) {
        return new ObservingClient(stub, log, this::siteOf);
    }

    /** Asks and turns a missing client tool into a skip (a failure in CI). */
    static ResolverAnswer ask(ObservingClient c, ResolverProcess r, String client, String name) throws Exception {
        try {
            return c.ask(r, ip(client), name);
        } catch (ResolverUnavailableException e) {
            throw unavailable(e);
        }
    }

    String siteOf(InetAddress a) {
        Site s = server.current().snapshot().siteOfAddress(a);
        return s == null ? null : s.id();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("closing the lab", e) : failure;
            }
        }
        server.close();
        if (failure != null) {
            throw failure;
        }
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    static RuntimeException unavailable(ResolverUnavailableException e) {
        if (inCi()) {
            fail("CI must install the real resolvers and clients (" + e.getMessage() + ")", e);
        }
        Assumptions.abort("skipped: " + e.getMessage());
        return new IllegalStateException("unreachable");
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
