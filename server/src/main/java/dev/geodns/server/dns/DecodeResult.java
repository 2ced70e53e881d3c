package dev.geodns.server.dns;

/** What the decoder concluded about a packet, before any lookup. */
public enum DecodeResult {
    /** A well-formed query to answer. */
    OK,
    /** Unreadable header, or a response (QR=1): never answered (RFC 1035 4.1.1; avoids reflection loops). */
    DROP,
    /** Header readable, rest malformed or QDCOUNT != 1: answer FORMERR. */
    FORMERR,
    /** Opcode other than QUERY: answer NOTIMP. */
    NOTIMP,
    /** EDNS version we do not speak: answer BADVERS (RFC 6891 6.1.3). */
    BADVERS
}
