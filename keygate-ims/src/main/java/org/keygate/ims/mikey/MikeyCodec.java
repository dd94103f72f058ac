package org.keygate.ims.mikey;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes MIKEY messages (RFC 3830 6, RFC 6043 6) to and from octets. Stateless and thread-safe.
 *
 * <p>Decoding is strict: every length is checked against what is left, every count and enumerated value against
 * the RFCs, the payload chain must end with "Last payload" exactly at the end of the input, and the input must be
 * the canonical encoding of what was decoded (reserved bits zero), so that a MAC computed over
 * {@link #macCoverage} of the decoded message covers exactly the octets received. Every refusal is a
 * {@link MikeyException} with the ERR number to answer with; nothing else escapes.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Limit</th><th>Value</th><th>Why</th></tr>
 *   <tr><td>{@link #MAX_MESSAGE_OCTETS}</td><td>{@value #MAX_MESSAGE_OCTETS}</td>
 *       <td>a TRANSFER_INIT with one crypto session and a base ticket is under 1 kB; the message travels base64
 *       in SDP (RFC 4567) inside SIP</td></tr>
 *   <tr><td>{@link #MAX_PAYLOADS}</td><td>{@value #MAX_PAYLOADS}</td><td>per payload chain; the largest
 *       RFC 6043 message lists about ten</td></tr>
 * </table>
 * TP Data (RFC 6043 6.10) is one nested chain; a TP or TICKET payload inside it is refused.
 */
public final class MikeyCodec {
    public static final int MAX_MESSAGE_OCTETS = 8192;
    public static final int MAX_PAYLOADS = 32;

    private MikeyCodec() {}

    public static byte[] encode(MikeyMessage message) {
        return MikeyEncoder.write(message).toByteArray();
    }

    /**
     * The octets a V payload's MAC covers before the RFC 6043 Table 5.2 trailer (identities or the initial
     * message): the whole encoded message except the MAC field of its final V payload and, in a TRANSFER_INIT,
     * except the TICKET's Initiator Data length and Initiator Data fields (RFC 6043 5.5).
     */
    public static byte[] macCoverage(MikeyMessage message) {
        MikeyWriter w = MikeyEncoder.write(message);
        if (message.verification().isEmpty()) {
            throw new IllegalArgumentException("the message does not end with a V payload");
        }
        byte[] all = w.toByteArray();
        byte[] covered = Arrays.copyOf(all, w.lastMacStart);
        if (message.dataType() == DataType.TRANSFER_INIT && w.initiatorDataStart >= 0) {
            byte[] cut = new byte[covered.length - (w.initiatorDataEnd - w.initiatorDataStart)];
            System.arraycopy(covered, 0, cut, 0, w.initiatorDataStart);
            System.arraycopy(covered, w.initiatorDataEnd, cut, w.initiatorDataStart,
                    covered.length - w.initiatorDataEnd);
            return cut;
        }
        return covered;
    }

    /**
     * A payload chain on its own (each payload with its Next payload field, the last one "Last payload"), as in
     * the Ticket Data of the MIKEY base ticket after its THDR (RFC 6043 A.1). TP and TICKET payloads may not nest.
     */
    public static byte[] encodeChain(List<Payload> payloads) {
        MikeyWriter w = new MikeyWriter();
        MikeyEncoder.writeChain(w, payloads, false);
        return w.toByteArray();
    }

    /** Decodes {@code octets[from..]} as a payload chain whose first payload has type {@code first}. */
    public static List<Payload> decodeChain(byte[] octets, int from, int first) throws MikeyException {
        try {
            MikeyReader r = new MikeyReader(octets, from, octets.length);
            List<Payload> payloads = MikeyDecoder.readChain(r, first, false);
            if (!r.atEnd()) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, r.remaining() + " octets after the last payload");
            }
            if (!Arrays.equals(encodeChain(payloads), Arrays.copyOfRange(octets, from, octets.length))) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "not the canonical encoding");
            }
            return payloads;
        } catch (IllegalArgumentException e) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "malformed: " + e.getMessage());
        }
    }

    /**
     * The fields of a TICKET payload that the base ticket's V payload covers (RFC 6043 A.1): everything but the
     * Next Payload field, the Initiator Data length and Initiator Data, and the final {@code macOctets} (the MAC
     * field at the end of the Ticket Data).
     */
    public static byte[] ticketMacCoverage(Ticket ticket, int macOctets) {
        MikeyWriter w = new MikeyWriter();
        MikeyEncoder.writePolicy(w, ticket.policy());
        byte[] data = ticket.ticketData().unsafeArray();
        w.u16(data.length).bytes(Arrays.copyOf(data, Math.max(0, data.length - macOctets)));
        return w.toByteArray();
    }

    public static MikeyMessage decode(byte[] wire) throws MikeyException {
        if (wire == null || wire.length == 0) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "empty message");
        }
        if (wire.length > MAX_MESSAGE_OCTETS) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR,
                    "message of " + wire.length + " octets (limit " + MAX_MESSAGE_OCTETS + ")");
        }
        MikeyMessage m;
        try {
            MikeyReader r = new MikeyReader(wire, 0, wire.length);
            int[] next = new int[1];
            Header h = MikeyDecoder.readHeader(r, next);
            List<Payload> payloads = MikeyDecoder.readChain(r, next[0], true);
            if (!r.atEnd()) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR,
                        r.remaining() + " octets after the last payload");
            }
            m = new MikeyMessage(h, payloads);
        } catch (IllegalArgumentException e) {
            // A record refused a decoded value (a field rule, not a length): report it as malformed.
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "malformed: " + e.getMessage());
        }
        if (!Arrays.equals(encode(m), wire)) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "not the canonical encoding (reserved bits set?)");
        }
        return m;
    }
}
