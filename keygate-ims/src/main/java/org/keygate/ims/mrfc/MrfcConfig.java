package org.keygate.ims.mrfc;

import java.util.List;
import java.util.Objects;

/**
 * The MRFC's settings: its SIP URI (the MIKEY-TICKET identity, TS 23.333 5.20.2: identities come from the SIP URIs),
 * where it listens for SIP (UDP), and the conference it serves at the MRFP.
 *
 * @param mrfpConferenceId the conference created at the MRFP ({@code POST /mrfp/v1/conferences})
 */
public record MrfcConfig(String identity, String sipHost, int sipPort, String mrfpConferenceId, long bfcpConferenceId,
        List<Integer> floorIds) {
    public MrfcConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sipHost, "sipHost");
        Objects.requireNonNull(mrfpConferenceId, "mrfpConferenceId");
        if (!identity.startsWith("sip:")) {
            throw new IllegalArgumentException("identity: " + identity + " (expected: a sip: URI)");
        }
        if (sipPort < 1 || sipPort > 65535) {
            throw new IllegalArgumentException("sipPort: " + sipPort + " (expected: 1..65535)");
        }
        floorIds = List.copyOf(floorIds);
    }
}
