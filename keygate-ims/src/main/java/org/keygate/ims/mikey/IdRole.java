package org.keygate.ims.mikey;

/** IDR payload "ID Role" (RFC 6043 Table 6.11). */
public enum IdRole {
    IDRI(1),
    IDRR(2),
    IDRKMS(3),
    IDRPSK(4),
    IDRAPP(5);

    private final int wireValue;

    IdRole(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The value with this wire value, or null when unknown. */
    public static IdRole fromWire(int value) {
        for (IdRole v : values()) {
            if (v.wireValue == value) {
                return v;
            }
        }
        return null;
    }
}
