package org.keygate.ims.bfcp;

import java.util.List;
import java.util.Optional;

/**
 * One BFCP message (RFC 4582 5): the common header's fields and the attributes in order.
 *
 * @param primitiveCode the Primitive field; {@link #primitive()} maps it to RFC 4582 Table 1
 */
public record BfcpMessage(int primitiveCode, long conferenceId, int transactionId, int userId,
        List<BfcpAttribute> attributes) {
    public BfcpMessage {
        if (primitiveCode < 0 || primitiveCode > 0xFF) {
            throw new IllegalArgumentException("primitive: " + primitiveCode + " (expected: 8 bits)");
        }
        if (conferenceId < 0 || conferenceId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("conferenceId: " + conferenceId + " (expected: 32 bits)");
        }
        if (transactionId < 0 || transactionId > 0xFFFF || userId < 0 || userId > 0xFFFF) {
            throw new IllegalArgumentException("transactionId and userId are 16 bits");
        }
        attributes = List.copyOf(attributes);
    }

    public BfcpMessage(BfcpPrimitive primitive, long conferenceId, int transactionId, int userId,
            List<BfcpAttribute> attributes) {
        this(primitive.code(), conferenceId, transactionId, userId, attributes);
    }

    public Optional<BfcpPrimitive> primitive() {
        return BfcpPrimitive.of(primitiveCode);
    }

    public List<BfcpAttribute> all(BfcpAttributeType type) {
        return attributes.stream().filter(a -> a.typeCode() == type.code()).toList();
    }

    /** RFC 8.2: a response copies the request's Conference ID, Transaction ID and User ID. */
    public BfcpMessage reply(BfcpPrimitive primitive, List<BfcpAttribute> attributes) {
        return new BfcpMessage(primitive, conferenceId, transactionId, userId, attributes);
    }
}
