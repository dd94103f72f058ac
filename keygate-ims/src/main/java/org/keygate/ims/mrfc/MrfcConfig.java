package org.keygate.ims.mrfc;

import java.util.List;
import java.util.Objects;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.ticket.TicketProfile;

/**
 * The MRFC's settings: its SIP URI (the MIKEY-TICKET identity, TS 23.333 5.20.2: identities come from the SIP URIs),
 * where it listens for SIP and over which transport, the conference it serves at the MRFP, and the two values
 * 3GPP leaves to agree with another vendor: the Prot type of the TLS crypto session and the PSK identity format.
 *
 * @param mrfpConferenceId the conference created at the MRFP ({@code POST /mrfp/v1/conferences})
 */
public record MrfcConfig(String identity, String sipHost, int sipPort, SipTransport transport,
        String mrfpConferenceId, long bfcpConferenceId, List<Integer> floorIds, ProtType tlsProtType,
        PskIdentities pskIdentities) {
    /** SIP over UDP or TCP (RFC 3261 18: both mandatory to implement). */
    public enum SipTransport { UDP, TCP }

    public MrfcConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sipHost, "sipHost");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(mrfpConferenceId, "mrfpConferenceId");
        Objects.requireNonNull(tlsProtType, "tlsProtType");
        Objects.requireNonNull(pskIdentities, "pskIdentities");
        if (!identity.startsWith("sip:") || identity.indexOf('@') < 5) {
            throw new IllegalArgumentException("identity: " + identity + " (expected: a sip:user@domain URI)");
        }
        if (sipPort < 1 || sipPort > 65535) {
            throw new IllegalArgumentException("sipPort: " + sipPort + " (expected: 1..65535)");
        }
        floorIds = List.copyOf(floorIds);
    }

    /** UDP, keygate's Prot type for TLS and PSK identity format. */
    public MrfcConfig(String identity, String sipHost, int sipPort, String mrfpConferenceId, long bfcpConferenceId,
            List<Integer> floorIds) {
        this(identity, sipHost, sipPort, SipTransport.UDP, mrfpConferenceId, bfcpConferenceId, floorIds,
                TicketProfile.CS_PROT_TYPE, PskIdentities.DEFAULT);
    }
}
