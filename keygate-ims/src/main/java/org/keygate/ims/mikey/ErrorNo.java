package org.keygate.ims.mikey;

/** ERR payload "Error no" values (RFC 3830 Table 6.12, RFC 6043 Table 6.14). */
public enum ErrorNo {
    AUTH_FAILURE(0, "Authentication failure"),
    INVALID_TS(1, "Invalid timestamp"),
    INVALID_PRF(2, "PRF function not supported"),
    INVALID_MAC(3, "MAC algorithm not supported"),
    INVALID_EA(4, "Encryption algorithm not supported"),
    INVALID_HA(5, "Hash function not supported"),
    INVALID_DH(6, "DH group not supported"),
    INVALID_ID(7, "ID not supported"),
    INVALID_CERT(8, "Certificate not supported"),
    INVALID_SP(9, "SP type not supported"),
    INVALID_SPPAR(10, "SP parameters not supported"),
    INVALID_DT(11, "Data type not supported"),
    UNSPECIFIED_ERROR(12, "An unspecified error occurred"),
    INVALID_TICKET(14, "Ticket Type not supported"),
    INVALID_TPPAR(15, "TP parameters not supported");

    private final int wireValue;
    private final String comment;

    ErrorNo(int wireValue, String comment) {
        this.wireValue = wireValue;
        this.comment = comment;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The RFC's comment for this error. */
    public String comment() {
        return comment;
    }

    /** The error with this value, or null when the value is not one of the RFCs'. */
    public static ErrorNo fromWire(int value) {
        for (ErrorNo e : values()) {
            if (e.wireValue == value) {
                return e;
            }
        }
        return null;
    }
}
