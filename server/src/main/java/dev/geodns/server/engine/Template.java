package dev.geodns.server.engine;

/**
 * A precomputed answer: the wire bytes of the answer, authority and additional sections as they
 * follow a question of the same name, plus the header values that go with them.
 *
 * <p>Compression pointers in {@link #body} assume the question name starts at offset 12 and has
 * the lower-case name's length; the client's own spelling has that length, so the bytes are valid
 * after any question copied byte for byte. Immutable.
 */
public final class Template {
    final byte[] body;
    final int ancount;
    final int nscount;
    final int arcount;
    final int rcode;
    final boolean authoritative;
    final int siteIndex;

    Template(byte[] body, int ancount, int nscount, int arcount, int rcode, boolean authoritative, int siteIndex) {
        this.body = body;
        this.ancount = ancount;
        this.nscount = nscount;
        this.arcount = arcount;
        this.rcode = rcode;
        this.authoritative = authoritative;
        this.siteIndex = siteIndex;
    }
}
