package org.keygate.ims.bfcp;

import java.util.Optional;

/** The primitives of RFC 4582 5.1 Table 1, with their wire values. */
public enum BfcpPrimitive {
    FLOOR_REQUEST(1),
    FLOOR_RELEASE(2),
    FLOOR_REQUEST_QUERY(3),
    FLOOR_REQUEST_STATUS(4),
    USER_QUERY(5),
    USER_STATUS(6),
    FLOOR_QUERY(7),
    FLOOR_STATUS(8),
    CHAIR_ACTION(9),
    CHAIR_ACTION_ACK(10),
    HELLO(11),
    HELLO_ACK(12),
    ERROR(13);

    private final int code;

    BfcpPrimitive(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<BfcpPrimitive> of(int code) {
        for (BfcpPrimitive p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
