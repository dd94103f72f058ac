package org.keygate.ims.bfcp;

/**
 * Limits of the BFCP decoder. The Payload Length field allows 262,140 octets (RFC 4582 5.1); the messages of a
 * floor-control exchange are tens of octets, so the default is far lower.
 *
 * <table>
 * <caption>BFCP limits</caption>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxMessageBytes</td><td>{@value #DEFAULT_MAX_MESSAGE_BYTES}</td><td>common header included; larger
 * messages close the connection</td></tr>
 * <tr><td>maxAttributes</td><td>{@value #DEFAULT_MAX_ATTRIBUTES}</td><td>attributes in one message, members of
 * grouped attributes counted</td></tr>
 * <tr><td>maxGroupDepth</td><td>{@value #DEFAULT_MAX_GROUP_DEPTH}</td><td>RFC 4582 nests grouped attributes two
 * deep (FLOOR-REQUEST-INFORMATION holding OVERALL-REQUEST-STATUS)</td></tr>
 * </table>
 */
public record BfcpLimits(int maxMessageBytes, int maxAttributes, int maxGroupDepth) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4096;
    public static final int DEFAULT_MAX_ATTRIBUTES = 128;
    public static final int DEFAULT_MAX_GROUP_DEPTH = 3;
    public static final BfcpLimits DEFAULT =
            new BfcpLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_GROUP_DEPTH);

    public BfcpLimits {
        if (maxMessageBytes < 12 || maxMessageBytes > 12 + 4 * 0xFFFF) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: 12..262152)");
        }
        if (maxAttributes < 1 || maxGroupDepth < 2) {
            throw new IllegalArgumentException("maxAttributes >= 1 and maxGroupDepth >= 2 (RFC 4582 5.2.15)");
        }
    }
}
