package org.keygate.ims.mikey;

/** HDR "data type" values (RFC 3830 Table 6.1.a, RFC 6043 Table 6.1). */
public enum DataType {
    PRE_SHARED(0),
    PSK_VER_MSG(1),
    PUBLIC_KEY(2),
    PK_VER_MSG(3),
    DH_INIT(4),
    DH_RESP(5),
    ERROR(6),
    REQUEST_INIT_PSK(11),
    REQUEST_INIT_PK(12),
    REQUEST_RESP(13),
    TRANSFER_INIT(14),
    TRANSFER_RESP(15),
    RESOLVE_INIT_PSK(16),
    RESOLVE_INIT_PK(17),
    RESOLVE_RESP(18);

    private final int wireValue;

    DataType(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    public static DataType fromWire(int value) {
        for (DataType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }
}
