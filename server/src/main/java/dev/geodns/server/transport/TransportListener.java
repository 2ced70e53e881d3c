package dev.geodns.server.transport;

/** Hears about connections and contained errors: the hook for transport metrics. Must not block. */
public interface TransportListener {
    TransportListener NONE = new TransportListener() { };

    default void tcpOpened() {
    }

    default void tcpClosed() {
    }

    /** A connection was closed at once because the concurrent-connection cap was reached. */
    default void tcpRefused() {
    }

    /** An exception was caught and contained (the worker keeps serving). */
    default void error(Throwable cause) {
    }
}
