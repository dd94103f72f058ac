package org.keygate.ims.mikey;

/** ID/IDR "ID Type" (RFC 3830 Table 6.7.a, RFC 6043 Table 6.10). */
public enum IdType {
    NAI(0),
    URI(1),
    BYTE_STRING(2);

    private final int wireValue;

    IdType(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The value with this wire value, or null when unknown. */
    public static IdType fromWire(int value) {
        for (IdType v : values()) {
            if (v.wireValue == value) {
                return v;
            }
        }
        return null;
    }
}
