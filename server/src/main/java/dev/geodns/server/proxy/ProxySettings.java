package dev.geodns.server.proxy;

/**
 * PROXY protocol v2 in: which sources are believed, and who counts what is dropped.
 *
 * @param from the trusted proxies ({@code serve --proxy-from})
 * @param listener told of every query dropped at the check
 */
public record ProxySettings(ProxyFrom from, ProxyListener listener) {
}
