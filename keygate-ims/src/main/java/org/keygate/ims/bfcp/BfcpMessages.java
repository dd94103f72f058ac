package org.keygate.ims.bfcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builders of the attributes the floor server and clients send (RFC 4582 5.2 and 5.3). */
public final class BfcpMessages {
    private BfcpMessages() {
    }

    public static BfcpAttribute floorId(int floorId) {
        return new BfcpAttribute.Fixed(BfcpAttributeType.FLOOR_ID, floorId);
    }

    public static BfcpAttribute floorRequestId(int id) {
        return new BfcpAttribute.Fixed(BfcpAttributeType.FLOOR_REQUEST_ID, id);
    }

    /** RFC 4582 5.2.5: Request Status in the first octet, Queue Position in the second. */
    public static BfcpAttribute requestStatus(BfcpRequestStatus status, int queuePosition) {
        return new BfcpAttribute.Fixed(BfcpAttributeType.REQUEST_STATUS, (status.code() << 8) | (queuePosition & 0xFF));
    }

    public static BfcpAttribute errorCode(BfcpErrorCode code) {
        return new BfcpAttribute.Octets(BfcpAttributeType.ERROR_CODE, new byte[] {(byte) code.code()});
    }

    /** RFC 4582 5.2.6.1: the types of the unknown mandatory attributes, one per octet, R bit zero. */
    public static BfcpAttribute unknownMandatory(List<Integer> types) {
        byte[] value = new byte[1 + types.size()];
        value[0] = (byte) BfcpErrorCode.UNKNOWN_MANDATORY_ATTRIBUTE.code();
        for (int i = 0; i < types.size(); i++) {
            value[i + 1] = (byte) (types.get(i) << 1);
        }
        return new BfcpAttribute.Octets(BfcpAttributeType.ERROR_CODE, value);
    }

    public static BfcpAttribute errorInfo(String text) {
        return new BfcpAttribute.Octets(BfcpAttributeType.ERROR_INFO, truncatedUtf8(text));
    }

    public static BfcpAttribute statusInfo(String text) {
        return new BfcpAttribute.Octets(BfcpAttributeType.STATUS_INFO, truncatedUtf8(text));
    }

    /** RFC 4582 5.2.11: one primitive per octet. */
    public static BfcpAttribute supportedPrimitives(List<BfcpPrimitive> primitives) {
        byte[] value = new byte[primitives.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) primitives.get(i).code();
        }
        return new BfcpAttribute.Octets(BfcpAttributeType.SUPPORTED_PRIMITIVES, value);
    }

    /** RFC 4582 5.2.10: one attribute type per octet, shifted over the R bit. */
    public static BfcpAttribute supportedAttributes(List<BfcpAttributeType> types) {
        byte[] value = new byte[types.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (types.get(i).code() << 1);
        }
        return new BfcpAttribute.Octets(BfcpAttributeType.SUPPORTED_ATTRIBUTES, value);
    }

    /** RFC 4582 5.3.4 and 13.1.1: one FLOOR-REQUEST-INFORMATION with the overall status and each floor. */
    public static BfcpAttribute floorRequestInformation(int floorRequestId, BfcpRequestStatus status, int queuePosition,
            List<Integer> floorIds) {
        List<BfcpAttribute> members = new java.util.ArrayList<>();
        members.add(new BfcpAttribute.Grouped(BfcpAttributeType.OVERALL_REQUEST_STATUS, floorRequestId,
                List.of(requestStatus(status, queuePosition))));
        for (int floor : floorIds) {
            members.add(new BfcpAttribute.Grouped(BfcpAttributeType.FLOOR_REQUEST_STATUS, floor, List.of()));
        }
        return new BfcpAttribute.Grouped(BfcpAttributeType.FLOOR_REQUEST_INFORMATION, floorRequestId, members);
    }

    private static byte[] truncatedUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BfcpAttribute.Octets.MAX_OCTETS) {
            return bytes;
        }
        int n = BfcpAttribute.Octets.MAX_OCTETS;
        while (n > 0 && (bytes[n] & 0xC0) == 0x80) {
            n--;
        }
        return java.util.Arrays.copyOf(bytes, n);
    }
}
