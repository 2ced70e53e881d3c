package dev.geodns.server.proxy;

/** Why a query that came with (or without) a PROXY header was dropped unanswered. */
public enum ProxyRejection {
    /** A PROXY header from a source outside {@code --proxy-from}: never believed. */
    UNTRUSTED_HEADER("untrusted-header"),
    /** A header from a trusted proxy that does not parse (bad version, command, family or length). */
    MALFORMED("malformed"),
    /** A query from a trusted proxy without a header: the proxy is misconfigured. */
    MISSING_HEADER("missing-header");

    private final String tag;

    ProxyRejection(String tag) {
        this.tag = tag;
    }

    /** The value of the metric tag {@code reason}. */
    public String tag() {
        return tag;
    }
}
