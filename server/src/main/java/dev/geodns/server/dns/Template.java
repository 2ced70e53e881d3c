package dev.geodns.server.dns;

/**
 * A precomputed answer: the wire bytes of the answer, authority and additional sections as they
 * follow the question, plus the header values that go with them. {@link ResponseWriter} copies it
 * after the query's own header and question. Immutable (the body array is owned by the template
 * once given).
 *
 * <p>Compression pointers in the body point either at offset 12 (the question name, whatever its
 * length: this is how one template serves every name a wildcard matches) or, in answers built for
 * one exact name, into a question of that name's length; the client's own spelling has the same
 * length, so the bytes are valid after any question copied byte for byte.
 */
public final class Template {
    final byte[] body;
    final int ancount;
    final int nscount;
    final int arcount;
    final int rcode;
    final boolean authoritative;

    /**
     * @param rcode the full 12-bit rcode (RFC 6891 6.1.3): values above 15 go partly into OPT
     * @param authoritative whether AA is set
     */
    public Template(byte[] body, int ancount, int nscount, int arcount, int rcode, boolean authoritative) {
        this.body = body;
        this.ancount = ancount;
        this.nscount = nscount;
        this.arcount = arcount;
        this.rcode = rcode;
        this.authoritative = authoritative;
    }

    /** An answer with no records: header (and OPT) only, e.g. REFUSED or FORMERR. */
    public static Template empty(int rcode, boolean authoritative) {
        return new Template(new byte[0], 0, 0, 0, rcode, authoritative);
    }

    public int rcode() {
        return rcode;
    }

    public boolean authoritative() {
        return authoritative;
    }

    /** Whether {@code other} carries the same header values and body bytes. */
    public boolean sameAs(Template other) {
        return other != null && ancount == other.ancount && nscount == other.nscount && arcount == other.arcount
                && rcode == other.rcode && authoritative == other.authoritative
                && java.util.Arrays.equals(body, other.body);
    }
}
