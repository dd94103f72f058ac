package org.keygate.ims.sdp;

/**
 * Who connects and who is TLS client for one TCP media stream, from the offer's and answer's {@code a=setup}.
 *
 * <ul>
 * <li>TCP (RFC 4145 4.1): the "active" side connects. Keygate offers "actpass" (RFC 6135 4.2.2 asks MSRP offerers with
 * a reachable address to) and answers "actpass" with {@link #ANSWER_TO_ACTPASS} (RFC 6135 4.2.2: SHOULD be passive when
 * not behind a NAT), "active" with "passive" and "passive" with "active". An MSRP "holdconn" counts as absent, i.e.
 * "active" (RFC 6135 4.2.1); a BFCP "holdconn" is refused (no connection to set up).</li>
 * <li>TLS, MSRP (RFC 6135 4.3): "The active party also takes the role of the TLS client".</li>
 * <li>TLS, BFCP (RFC 4583 8): "the answerer acts as the TLS server regardless of its role (passive or active) in the
 * TCP establishment procedure".</li>
 * </ul>
 */
public final class MediaRoles {
    /** RFC 6135 4.2.2 (SHOULD, when not behind a NAT); also used for BFCP. */
    public static final Setup ANSWER_TO_ACTPASS = Setup.PASSIVE;
    /** RFC 6135 4.2.2: offers carry actpass when the address is reachable; the MRFP's always is. */
    public static final Setup OFFER = Setup.ACTPASS;

    /** One side's roles for a stream. */
    public record Roles(boolean tcpClient, boolean tlsClient) {
    }

    private MediaRoles() {
    }

    /** The answerer's a=setup for an offered one (RFC 4145 4.1). */
    public static Setup answer(TcpMediaProto proto, Setup offered) {
        Setup effective = effective(proto, offered);
        return switch (effective) {
            case ACTIVE -> Setup.PASSIVE;
            case PASSIVE -> Setup.ACTIVE;
            case ACTPASS -> ANSWER_TO_ACTPASS;
            case HOLDCONN -> throw new SdpException("a=setup:holdconn: no connection to establish (RFC 4145 4)");
        };
    }

    /**
     * Roles once offer and answer are known.
     *
     * @param offerer whether "we" made the offer
     */
    public static Roles roles(TcpMediaProto proto, boolean offerer, Setup offered, Setup answered) {
        Setup o = effective(proto, offered);
        Setup a = effective(proto, answered);
        boolean answererActive = switch (a) {
            case ACTIVE -> o == Setup.PASSIVE || o == Setup.ACTPASS;
            case PASSIVE -> o == Setup.ACTIVE || o == Setup.ACTPASS ? false : invalid();
            default -> invalid();
        };
        if (a == Setup.PASSIVE && o == Setup.PASSIVE || a == Setup.ACTIVE && o == Setup.ACTIVE) {
            invalid();
        }
        boolean tcpClient = offerer != answererActive;
        boolean tlsClient = switch (proto) {
            case MSRP -> tcpClient;
            case BFCP -> offerer;
        };
        return new Roles(tcpClient, tlsClient);
    }

    private static boolean invalid() {
        throw new SdpException("a=setup of offer and answer do not make one active and one passive side (RFC 4145 4.1)");
    }

    private static Setup effective(TcpMediaProto proto, Setup s) {
        return proto == TcpMediaProto.MSRP && s == Setup.HOLDCONN ? Setup.ACTIVE : s;
    }
}
