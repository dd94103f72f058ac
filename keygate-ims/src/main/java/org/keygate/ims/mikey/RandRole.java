package org.keygate.ims.mikey;

/** RANDR payload "RAND Role" (RFC 6043 Table 6.13). */
public enum RandRole {
    RANDRI(1),
    RANDRR(2),
    RANDRKMS(3);

    private final int wireValue;

    RandRole(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The value with this wire value, or null when unknown. */
    public static RandRole fromWire(int value) {
        for (RandRole v : values()) {
            if (v.wireValue == value) {
                return v;
            }
        }
        return null;
    }
}
