package dev.geodns.testbed.runner;

import dev.geodns.config.WorldException;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.QueryObserver;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/** The server a run asks: started in-process on loopback, or one already running elsewhere. */
interface Target extends AutoCloseable {

    InetSocketAddress dnsAddress();

    /** Whether events (drain/restore) can be applied. */
    boolean controllable();

    void drain(String siteId) throws IOException, InterruptedException;

    void restore(String siteId) throws IOException, InterruptedException;

    String describe();

    @Override
    void close();

    /**
     * Starts the server for {@code world} on 127.0.0.1, port 0 (UDP and TCP on the same port).
     *
     * @param observer told of every query answered (real resolvers' upstream queries), or null
     */
    static Target inProcess(World world, QueryObserver observer) throws WorldException, BindException,
            InterruptedException {
        GeoDnsServer.Builder b = GeoDnsServer.builder().world(world).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(observer == null ? 1 : 2);
        if (observer != null) {
            b.observer(observer);
        }
        GeoDnsServer server = b.start();
        return new Target() {
            @Override
            public InetSocketAddress dnsAddress() {
                return server.dnsAddresses().get(0);
            }

            @Override
            public boolean controllable() {
                return true;
            }

            @Override
            public void drain(String siteId) {
                server.drain(siteId);
            }

            @Override
            public void restore(String siteId) {
                server.restore(siteId);
            }

            @Override
            public String describe() {
                InetSocketAddress a = dnsAddress();
                return "in-process " + a.getAddress().getHostAddress() + ":" + a.getPort();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /**
     * A server already running; it must serve the scenario's world. Events are applied through its
     * admin API when {@code admin} is given, else they cannot be.
     */
    static Target remote(InetSocketAddress address, AdminClient admin) {
        return new Target() {
            @Override
            public InetSocketAddress dnsAddress() {
                return address;
            }

            @Override
            public boolean controllable() {
                return admin != null;
            }

            @Override
            public void drain(String siteId) throws IOException, InterruptedException {
                if (admin == null) {
                    throw new UnsupportedOperationException("cannot drain without the server's admin API");
                }
                admin.drain(siteId);
            }

            @Override
            public void restore(String siteId) throws IOException, InterruptedException {
                if (admin == null) {
                    throw new UnsupportedOperationException("cannot restore without the server's admin API");
                }
                admin.restore(siteId);
            }

            @Override
            public String describe() {
                return "remote " + address.getHostString() + ":" + address.getPort()
                        + (admin == null ? "" : " (admin " + admin.describe() + ")");
            }

            @Override
            public void close() {
            }
        };
    }
}
