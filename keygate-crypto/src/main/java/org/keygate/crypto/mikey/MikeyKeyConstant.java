package org.keygate.crypto.mikey;

/**
 * The 32-bit constants that start every MIKEY key-derivation label, each named after the key it derives
 * (RFC 3830 Tables 4.1.3 and 4.1.4, RFC 6043 Tables 5.1 and A.1; digits of e).
 */
public enum MikeyKeyConstant {
    /** RFC 3830 4.1.3: TEK from a TGK. */
    TEK(0x2AD01C64),
    /** RFC 3830 4.1.3: security-protocol authentication key from a TGK. */
    TGK_AUTH_KEY(0x1B5C7973),
    /** RFC 3830 4.1.3: security-protocol encryption key from a TGK. */
    TGK_ENCR_KEY(0x15798CEF),
    /** RFC 3830 4.1.3: salting key from a TGK. */
    TGK_SALT_KEY(0x39A2C14B),
    /** RFC 3830 4.1.4: encr_key of a MIKEY message from an envelope key, PSK, MPK or TPK. */
    ENCR_KEY(0x150533E1),
    /** RFC 3830 4.1.4: auth_key of a MIKEY message. */
    AUTH_KEY(0x2D22AC75),
    /** RFC 3830 4.1.4: salt_key of a MIKEY message. */
    SALT_KEY(0x29B88916),
    /** RFC 6043 Table 5.1: forked MPKr'. */
    MPKR_FORKED(0x2B288856),
    /** RFC 6043 Table 5.1: forked TGK'. */
    TGK_FORKED(0x1512B54A),
    /** RFC 6043 Table A.1: MPKi from the base ticket's MPK. */
    MPKI(0x220E99A2),
    /** RFC 6043 Table A.1: MPKr from the base ticket's MPK. */
    MPKR(0x1F4D675B);

    private final int value;

    MikeyKeyConstant(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
