package org.keygate.ims.mikey.ticket;

import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyPrf;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.TicketPolicy;

/**
 * keygate's MIKEY-TICKET profile for TCP media over TLS-PSK (TS 23.333 5.20, TS 33.328 Annex H): the algorithms
 * keygate sends and the sizes it sends and requires. Receivers accept any PRF, encryption and MAC algorithm of the
 * RFCs that keygate implements; sizes below the minimums are refused.
 */
public final class TicketProfile {
    /** RFC 6043 Table 6.3: PRF of HDR and Ticket Policy. */
    public static final MikeyPrf PRF = MikeyPrf.PRF_HMAC_SHA_256;
    /** RFC 3830 4.2.3: AES-CM-128, the mandatory key transport encryption. */
    public static final MikeyEncrAlg ENCR_ALG = MikeyEncrAlg.AES_CM_128;
    /** RFC 6043 Table 6.6. */
    public static final MikeyMacAlg MAC_ALG = MikeyMacAlg.HMAC_SHA_256_256;
    /** RFC 3830 6.11: a RAND SHOULD be at least 16 octets; keygate sends 16 and refuses fewer. */
    public static final int RAND_OCTETS = 16;
    /** The MPK in a ticket (RFC 6043 A.1), 256 bits. */
    public static final int MPK_OCTETS = 32;
    /** The TGK in a ticket, 256 bits. */
    public static final int TGK_OCTETS = 32;
    /**
     * The TEK of the TLS crypto session, which is the TLS pre-shared key (TS 23.333 5.20.2): 256 bits, within
     * what RFC 4279 5.3 asks every implementation to support (up to 64 octets).
     */
    public static final int TEK_OCTETS = 32;
    /** The SPI that names the TGK (RFC 6043 6.2.1: an SPI for each key), 4 random octets. */
    public static final int SPI_OCTETS = 4;
    /** The SPI of MPKi in REQUEST_RESP and RESOLVE_RESP KEMACs (RFC 6043 6.2.1 asks for an SPI on every key). */
    public static final byte[] MPKI_SPI = {0};
    /** The single crypto session of TS 23.333 6.2.19.2.2. */
    public static final int CS_ID = 1;
    /** Its protocol type. */
    public static final ProtType CS_PROT_TYPE = ProtType.TLS;
    /** RFC 6043 Appendix A: the MIKEY base ticket is type 1, subtype 1, version 1. */
    public static final int TICKET_TYPE = TicketPolicy.MIKEY_BASE_TICKET;
    public static final int TICKET_SUBTYPE = 1;
    public static final int TICKET_VERSION = 1;

    private TicketProfile() {}
}
