package dev.geodns.server.proxy;

import dev.geodns.server.engine.Transport;

/** Hears about queries dropped at the PROXY protocol check: the hook for metrics. Must not block. */
public interface ProxyListener {
    ProxyListener NONE = (transport, reason) -> { };

    void rejected(Transport transport, ProxyRejection reason);
}
