package dev.geodns.testbed.resolvers;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.Type;

/**
 * Asks a resolver through a {@link StubClient} and tells, from the emulator's {@link EmulatorQueryLog},
 * whether the answer came from the resolver's cache and which ECS the emulator received meanwhile.
 * The emulator is told about a query before it sends the reply, so every upstream query a client
 * answer depended on is in the log when the client returns. Queries must not overlap per resolver.
 */
public final class ObservingClient {
    private final StubClient stub;
    private final EmulatorQueryLog log;
    private final Function<InetAddress, String> siteOfAddress;

    /**
     * @param siteOfAddress the id of the site an answer address belongs to, or null, e.g.
     *     {@code a -> Optional.ofNullable(server.current().snapshot().siteOfAddress(a)).map(Site::id).orElse(null)}
     */
    public ObservingClient(StubClient stub, EmulatorQueryLog log, Function<InetAddress, String> siteOfAddress) {
        this.stub = stub;
        this.log = log;
        this.siteOfAddress = siteOfAddress;
    }

    public StubClient stub() {
        return stub;
    }

    /** An A query for {@code name} from {@code client} through {@code resolver}. */
    public ResolverAnswer ask(ResolverProcess resolver, InetAddress client, String name)
            throws IOException, InterruptedException, ResolverUnavailableException {
        return ask(resolver, client, name, Type.A);
    }

    public ResolverAnswer ask(ResolverProcess resolver, InetAddress client, String name, int type)
            throws IOException, InterruptedException, ResolverUnavailableException {
        ResolverSpec spec = resolver.spec();
        int mark = log.size();
        StubAnswer a = stub.query(client, resolver.address(), name, type);
        List<EmulatorQueryLog.Entry> upstream = log.since(mark).stream()
                .filter(e -> e.sender().getAddress().equals(spec.outgoing()) && spec.inZones(e.name()))
                .toList();
        List<String> ecs = upstream.stream().map(EmulatorQueryLog.Entry::ecs).filter(e -> e != null).distinct().toList();
        List<InetAddress> addresses = a.addresses();
        String site = addresses.isEmpty() ? null : siteOfAddress.apply(addresses.get(0));
        return new ResolverAnswer(a, site, upstream, upstream.isEmpty(), ecs);
    }
}
