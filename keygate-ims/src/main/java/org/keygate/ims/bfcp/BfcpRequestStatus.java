package org.keygate.ims.bfcp;

import java.util.Optional;

/** Request Status values of RFC 4582 5.2.5 Table 4. */
public enum BfcpRequestStatus {
    PENDING(1),
    ACCEPTED(2),
    GRANTED(3),
    DENIED(4),
    CANCELLED(5),
    RELEASED(6),
    REVOKED(7);

    private final int code;

    BfcpRequestStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<BfcpRequestStatus> of(int code) {
        for (BfcpRequestStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
