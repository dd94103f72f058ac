package org.keygate.ims.mikey;

/**
 * The security protocol of a crypto session or security policy ("Prot type", RFC 3830 Table 6.10; RFC 6043
 * 6.1.1 GENERIC-ID). A value type because the registry is open and a peer may name protocols keygate does not
 * know.
 */
public record ProtType(int value) {
    /** RFC 3830 Table 6.10. */
    public static final ProtType SRTP = new ProtType(0);

    /**
     * TLS, the protocol type of the single crypto session that protects TCP-based media (TS 23.333 6.2.19.2.2,
     * TS 33.328 Annex H.3). The numeric value is defined in TS 33.328 Annex H.3, which is not in keygate's spec
     * set: this is the one place that holds it (DESIGN.md, IMS decisions). keygate uses 2, not 1, because the IANA
     * "Prot Type" registry of RFC 3830 10 gives 1 to TESLA (RFC 4442, as far as keygate's sources tell); check
     * the value against TS 33.328 before interworking with another vendor's MRFC or UE.
     */
    public static final ProtType TLS = new ProtType(2);

    public ProtType {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("Prot type: " + value + " (expected: 0..255)");
        }
    }

    @Override
    public String toString() {
        return value == 0 ? "SRTP" : value == TLS.value ? "TLS(" + value + ")" : "ProtType(" + value + ")";
    }
}
