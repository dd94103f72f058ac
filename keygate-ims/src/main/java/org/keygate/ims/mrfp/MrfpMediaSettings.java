package org.keygate.ims.mrfp;

import java.util.Objects;

/**
 * Where the MRFP's media listeners bind and how many streams it holds at once. Ports are taken from
 * {@code [minPort, maxPort]} in turn, a port in use skipped; port 0 for both means any ephemeral port (tests, labs).
 *
 * @param mediaHost the IP address the media listeners bind to and SDP announces
 * @param maxTerminations reserved streams at once; a reservation beyond gets 503 at the control API
 */
public record MrfpMediaSettings(String mediaHost, int minPort, int maxPort, int maxTerminations) {
    /** Streams at once by default: two per participant (MSRP and BFCP) of some 500 participants. */
    public static final int DEFAULT_MAX_TERMINATIONS = 1000;

    public MrfpMediaSettings {
        Objects.requireNonNull(mediaHost, "mediaHost");
        boolean ephemeral = minPort == 0 && maxPort == 0;
        if (!ephemeral && (minPort < 1 || maxPort > 65535 || minPort > maxPort)) {
            throw new IllegalArgumentException("media ports: " + minPort + "-" + maxPort
                    + " (expected: 1 <= minPort <= maxPort <= 65535, or both 0)");
        }
        if (maxTerminations < 1) {
            throw new IllegalArgumentException("maxTerminations: " + maxTerminations + " (expected: at least 1)");
        }
    }

    /** Any ephemeral port, {@link #DEFAULT_MAX_TERMINATIONS}. */
    public static MrfpMediaSettings ephemeral(String mediaHost) {
        return new MrfpMediaSettings(mediaHost, 0, 0, DEFAULT_MAX_TERMINATIONS);
    }

    boolean ephemeralPorts() {
        return minPort == 0;
    }
}
