package org.keygate.ims.msrp;

import java.util.Arrays;

/**
 * The body of one SEND chunk (RFC 4975 9, data), immutable: a relay hands the same body from the decoded chunk to every
 * chunk it forwards without copying it (it used to be copied five times per hop). Never printed.
 *
 * <p>A body read by {@link MsrpDecoder} also carries what the decoder proved about it: it was framed by the end-line of
 * transaction {@link #endLineAbsentFor}, so it holds no {@code CRLF "-------" endLineAbsentFor} (RFC 4975 7.1: the
 * decoder ends the body at the first one). {@link MsrpEncoder} uses that proof to skip its scan of the body when the
 * outgoing transaction id starts with that id (see {@link #provesNoEndLine}). Only this package can make such a body.
 */
public final class ChunkBody {
    static final ChunkBody EMPTY = new ChunkBody(new byte[0], null);

    private final byte[] octets;
    private final String endLineAbsentFor;

    private ChunkBody(byte[] octets, String endLineAbsentFor) {
        this.octets = octets;
        this.endLineAbsentFor = endLineAbsentFor;
    }

    /** A body holding a copy of {@code octets}, with nothing proved about it. */
    public static ChunkBody copyOf(byte[] octets) {
        return octets.length == 0 ? EMPTY : new ChunkBody(octets.clone(), null);
    }

    /** What {@link MsrpDecoder} read between the blank line and the end-line of {@code transactionId}; not copied. */
    static ChunkBody decoded(byte[] octets, String transactionId) {
        return new ChunkBody(octets, transactionId);
    }

    public int length() {
        return octets.length;
    }

    /** A copy of the octets. */
    public byte[] toByteArray() {
        return octets.clone();
    }

    /** The octets themselves, for the encoder to write; never modified. */
    byte[] octets() {
        return octets;
    }

    /**
     * Whether the end-line of {@code transactionId} cannot occur in this body, without looking at it: when the body was
     * framed by transaction {@code t} and {@code transactionId} starts with {@code t}. Why that suffices (RFC 4975 7.1):
     * an occurrence of {@code CRLF "-------" transactionId} starting inside the body begins with {@code CRLF "-------" t};
     * if it lay wholly inside the body the decoder would have ended the body there; if it ran into the end-line, the
     * part it shares with the end-line is a prefix of {@code CRLF "-------" t ...} in both the received and the encoded
     * chunk (both end-lines start with {@code CRLF "-------" t}), so the received stream held {@code CRLF "-------" t}
     * before the place where the decoder found the first one. Neither can be.
     */
    boolean provesNoEndLine(String transactionId) {
        return endLineAbsentFor != null && transactionId.startsWith(endLineAbsentFor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkBody b && Arrays.equals(octets, b.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** The length only: chat content stays out of logs. */
    @Override
    public String toString() {
        return octets.length + " octets";
    }
}
