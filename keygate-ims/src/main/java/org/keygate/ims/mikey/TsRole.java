package org.keygate.ims.mikey;

/** TR payload "TS Role" (RFC 6043 Table 6.9). */
public enum TsRole {
    TRI(1),
    TRS(2),
    TRE(3),
    TRR(4);

    private final int wireValue;

    TsRole(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The value with this wire value, or null when unknown. */
    public static TsRole fromWire(int value) {
        for (TsRole v : values()) {
            if (v.wireValue == value) {
                return v;
            }
        }
        return null;
    }
}
