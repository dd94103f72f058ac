package org.keygate.ims.bfcp;

/**
 * Error codes of RFC 4582 5.2.6 Table 5, and the two of RFC 8855 (same IANA registry) that say what RFC 4582 has no
 * code for: a message that cannot be parsed, and a version other than 1. RFC 4582 receivers treat an unknown code as
 * "an error exists" (5.2.6).
 */
public enum BfcpErrorCode {
    CONFERENCE_DOES_NOT_EXIST(1),
    USER_DOES_NOT_EXIST(2),
    UNKNOWN_PRIMITIVE(3),
    UNKNOWN_MANDATORY_ATTRIBUTE(4),
    UNAUTHORIZED_OPERATION(5),
    INVALID_FLOOR_ID(6),
    FLOOR_REQUEST_ID_DOES_NOT_EXIST(7),
    MAX_ONGOING_FLOOR_REQUESTS(8),
    USE_TLS(9),
    /** RFC 8855 5.2.6. */
    UNABLE_TO_PARSE_MESSAGE(10),
    /** RFC 8855 5.2.6. */
    UNSUPPORTED_VERSION(12);

    private final int code;

    BfcpErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
