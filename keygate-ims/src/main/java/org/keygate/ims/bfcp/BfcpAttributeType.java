package org.keygate.ims.bfcp;

import java.util.Optional;

/** The attributes of RFC 4582 5.2 Table 2, with their wire type and format. */
public enum BfcpAttributeType {
    BENEFICIARY_ID(1, Format.UNSIGNED16),
    FLOOR_ID(2, Format.UNSIGNED16),
    FLOOR_REQUEST_ID(3, Format.UNSIGNED16),
    PRIORITY(4, Format.OCTET_STRING16),
    REQUEST_STATUS(5, Format.OCTET_STRING16),
    ERROR_CODE(6, Format.OCTET_STRING),
    ERROR_INFO(7, Format.OCTET_STRING),
    PARTICIPANT_PROVIDED_INFO(8, Format.OCTET_STRING),
    STATUS_INFO(9, Format.OCTET_STRING),
    SUPPORTED_ATTRIBUTES(10, Format.OCTET_STRING),
    SUPPORTED_PRIMITIVES(11, Format.OCTET_STRING),
    USER_DISPLAY_NAME(12, Format.OCTET_STRING),
    USER_URI(13, Format.OCTET_STRING),
    BENEFICIARY_INFORMATION(14, Format.GROUPED),
    FLOOR_REQUEST_INFORMATION(15, Format.GROUPED),
    REQUESTED_BY_INFORMATION(16, Format.GROUPED),
    FLOOR_REQUEST_STATUS(17, Format.GROUPED),
    OVERALL_REQUEST_STATUS(18, Format.GROUPED);

    /** RFC 4582 5.2: the attribute formats. */
    public enum Format { UNSIGNED16, OCTET_STRING16, OCTET_STRING, GROUPED }

    private final int code;
    private final Format format;

    BfcpAttributeType(int code, Format format) {
        this.code = code;
        this.format = format;
    }

    public int code() {
        return code;
    }

    public Format format() {
        return format;
    }

    public static Optional<BfcpAttributeType> of(int code) {
        for (BfcpAttributeType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
