package org.keygate.ims.mikey;

/** "TS type" of T and TR payloads with the length of their value (RFC 3830 Table 6.6, RFC 6043 Table 6.8). */
public enum TsType {
    NTP_UTC(0, 8),
    NTP(1, 8),
    COUNTER(2, 4),
    NTP_UTC_32(3, 4);

    private final int wireValue;
    private final int valueOctets;

    TsType(int wireValue, int valueOctets) {
        this.wireValue = wireValue;
        this.valueOctets = valueOctets;
    }

    public int wireValue() {
        return wireValue;
    }

    public int valueOctets() {
        return valueOctets;
    }

    public static TsType fromWire(int value) {
        for (TsType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }
}
