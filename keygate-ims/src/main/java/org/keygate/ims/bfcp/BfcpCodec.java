package org.keygate.ims.bfcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BFCP wire form (RFC 4582 5) of one whole message, both ways, without I/O. Decoding is strict: version 1, a
 * payload that is exactly the attributes (each padded to 32 bits), the lengths RFC 4582 5.2 gives each format, grouped
 * members that fill their group exactly, and the limits of {@link BfcpLimits}. Errors are {@link BfcpParseException}s
 * whose message quotes no input.
 */
public final class BfcpCodec {
    public static final int HEADER_BYTES = 12;
    /** RFC 4582 5.1: Ver is 1. */
    public static final int VERSION = 1;

    private BfcpCodec() {
    }

    public static byte[] encode(BfcpMessage message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BfcpAttribute a : message.attributes()) {
            body.writeBytes(encode(a));
        }
        int payload = body.size();
        if (payload / 4 > 0xFFFF) {
            throw new IllegalArgumentException("BFCP payload over 65535 words");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload);
        out.put((byte) (VERSION << 5)).put((byte) message.primitiveCode()).putShort((short) (payload / 4))
                .putInt((int) message.conferenceId()).putShort((short) message.transactionId())
                .putShort((short) message.userId()).put(body.toByteArray());
        return out.array();
    }

    /** One attribute with its padding. */
    static byte[] encode(BfcpAttribute attribute) {
        byte[] contents;
        int length;
        switch (attribute) {
            case BfcpAttribute.Fixed f -> {
                contents = new byte[] {(byte) (f.value() >> 8), (byte) f.value()};
                length = 4;
            }
            case BfcpAttribute.Octets o -> {
                contents = o.value();
                length = 2 + contents.length;
            }
            case BfcpAttribute.Grouped g -> {
                ByteArrayOutputStream members = new ByteArrayOutputStream();
                members.write(g.id() >> 8);
                members.write(g.id());
                for (BfcpAttribute m : g.members()) {
                    members.writeBytes(encode(m));
                }
                contents = members.toByteArray();
                // RFC 4582 5.2: a group's length counts its members with their padding
                length = 2 + contents.length;
            }
            case BfcpAttribute.Unknown u -> {
                contents = u.contents();
                length = 2 + contents.length;
            }
        }
        if (length > 255) {
            throw new IllegalArgumentException("attribute " + attribute.typeCode() + " longer than 255 octets");
        }
        boolean mandatory = attribute instanceof BfcpAttribute.Unknown u && u.mandatory();
        byte[] out = new byte[(length + 3) & ~3];
        out[0] = (byte) ((attribute.typeCode() << 1) | (mandatory ? 1 : 0));
        out[1] = (byte) length;
        System.arraycopy(contents, 0, out, 2, contents.length);
        return out;
    }

    /** The common header's fields, readable before the payload is checked (for an Error reply). */
    public record Header(int version, int primitiveCode, int payloadWords, long conferenceId, int transactionId,
            int userId) {
        public static Header read(ByteBuffer in) {
            int first = in.get() & 0xFF;
            return new Header(first >>> 5, in.get() & 0xFF, in.getShort() & 0xFFFF, in.getInt() & 0xFFFFFFFFL,
                    in.getShort() & 0xFFFF, in.getShort() & 0xFFFF);
        }

        public int messageBytes() {
            return HEADER_BYTES + 4 * payloadWords;
        }
    }

    /** Decodes one whole message: {@code wire} holds exactly its header and payload. */
    public static BfcpMessage decode(byte[] wire, BfcpLimits limits) {
        if (wire.length < HEADER_BYTES) {
            throw new BfcpParseException("shorter than the common header", BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
        }
        ByteBuffer in = ByteBuffer.wrap(wire);
        Header h = Header.read(in);
        if (h.version() != VERSION) {
            throw new BfcpParseException("version " + h.version() + " (expected: 1, RFC 4582 5.1)",
                    BfcpErrorCode.UNSUPPORTED_VERSION);
        }
        if (h.messageBytes() != wire.length) {
            throw new BfcpParseException("Payload Length does not match the message", BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
        }
        int[] budget = {limits.maxAttributes()};
        List<BfcpAttribute> attributes = attributes(in, wire.length, 1, limits, budget);
        return new BfcpMessage(h.primitiveCode(), h.conferenceId(), h.transactionId(), h.userId(), attributes);
    }

    private static List<BfcpAttribute> attributes(ByteBuffer in, int end, int depth, BfcpLimits limits, int[] budget) {
        List<BfcpAttribute> out = new ArrayList<>();
        while (in.position() < end) {
            if (--budget[0] < 0) {
                throw new BfcpParseException("more than " + limits.maxAttributes() + " attributes",
                        BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
            }
            if (end - in.position() < 2) {
                throw new BfcpParseException("truncated attribute header", BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
            }
            int start = in.position();
            int typeAndM = in.get() & 0xFF;
            int length = in.get() & 0xFF;
            int type = typeAndM >>> 1;
            boolean mandatory = (typeAndM & 1) == 1;
            Optional<BfcpAttributeType> known = BfcpAttributeType.of(type);
            boolean grouped = known.isPresent() && known.get().format() == BfcpAttributeType.Format.GROUPED;
            // RFC 4582 5.2: padding to 32 bits follows every attribute; a group's length already includes it
            int padded = grouped ? length : (length + 3) & ~3;
            if (length < 2 || start + padded > end) {
                throw new BfcpParseException("attribute " + type + " length " + length + " runs past its container",
                        BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
            }
            int contentEnd = start + length;
            if (known.isEmpty()) {
                byte[] contents = new byte[length - 2];
                in.get(contents);
                out.add(new BfcpAttribute.Unknown(type, mandatory, contents));
            } else {
                out.add(known(known.get(), in, contentEnd, depth, limits, budget));
            }
            in.position(start + padded);
        }
        return out;
    }

    private static BfcpAttribute known(BfcpAttributeType type, ByteBuffer in, int contentEnd, int depth,
            BfcpLimits limits, int[] budget) {
        int contentLength = contentEnd - in.position();
        switch (type.format()) {
            case UNSIGNED16, OCTET_STRING16 -> {
                if (contentLength != 2) {
                    throw new BfcpParseException(type + " length is not 4 (RFC 4582 5.2.1-5.2.5)",
                            BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
                }
                return new BfcpAttribute.Fixed(type, in.getShort() & 0xFFFF);
            }
            case OCTET_STRING -> {
                if (type == BfcpAttributeType.ERROR_CODE && contentLength < 1) {
                    throw new BfcpParseException("ERROR-CODE without a code (RFC 4582 5.2.6)",
                            BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
                }
                byte[] value = new byte[contentLength];
                in.get(value);
                return new BfcpAttribute.Octets(type, value);
            }
            case GROUPED -> {
                if (contentLength < 2 || (contentLength + 2) % 4 != 0) {
                    throw new BfcpParseException(type + " length is not a 32-bit multiple of at least 4",
                            BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
                }
                if (depth >= limits.maxGroupDepth()) {
                    throw new BfcpParseException("grouped attributes nested deeper than " + limits.maxGroupDepth(),
                            BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
                }
                int id = in.getShort() & 0xFFFF;
                return new BfcpAttribute.Grouped(type, id, attributes(in, contentEnd, depth + 1, limits, budget));
            }
        }
        throw new AssertionError(type);
    }
}
