package org.keygate.ims.mikey;

/** "Next payload" values (RFC 3830 Table 6.1.b, RFC 6043 Table 6.2). */
public enum PayloadType {
    LAST(0),
    KEMAC(1),
    PKE(2),
    DH(3),
    SIGN(4),
    T(5),
    ID(6),
    CERT(7),
    CHASH(8),
    V(9),
    SP(10),
    RAND(11),
    ERR(12),
    TR(13),
    IDR(14),
    RANDR(15),
    TP(16),
    TICKET(17),
    KEY_DATA(20),
    GENERAL_EXT(21);

    private final int wireValue;

    PayloadType(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    public static PayloadType fromWire(int value) {
        for (PayloadType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }
}
