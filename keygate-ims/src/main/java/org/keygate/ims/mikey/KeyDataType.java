package org.keygate.ims.mikey;

/** Key data sub-payload "Type" (RFC 3830 Table 6.13.a, RFC 6043 Table 6.7); the +SALT types carry a salt. */
public enum KeyDataType {
    TGK(0, false),
    TGK_SALT(1, true),
    TEK(2, false),
    TEK_SALT(3, true),
    GTGK(4, false),
    GTGK_SALT(5, true),
    MPK(6, false);

    private final int wireValue;
    private final boolean salted;

    KeyDataType(int wireValue, boolean salted) {
        this.wireValue = wireValue;
        this.salted = salted;
    }

    public int wireValue() {
        return wireValue;
    }

    public boolean salted() {
        return salted;
    }

    public static KeyDataType fromWire(int value) {
        for (KeyDataType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }
}
