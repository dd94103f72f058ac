package org.keygate.ims.mrfp;

import java.util.Objects;

/**
 * Where the MRFP's media listeners bind and how many streams it holds at once. Ports are taken from
 * {@code [minPort, maxPort]} in turn, a port in use skipped; port 0 for both means any ephemeral port (tests, labs).
 *
 * @param mediaHost the IP address the media listeners bind to and SDP announces
 * @param maxTerminations reserved streams at once; a reservation beyond gets 503 at the control API
 * @param maxQueuedBytesPerStream bytes a stream's connection may have queued for writing before the relay stops
 *     reading from the senders that write to it (back-pressure, {@code RelayBackPressure})
 */
public record MrfpMediaSettings(String mediaHost, int minPort, int maxPort, int maxTerminations,
        int maxQueuedBytesPerStream) {
    /** The smallest and largest {@code maxQueuedBytesPerStream} accepted. */
    public static final int MIN_QUEUED_BYTES = 4096;
    public static final int MAX_QUEUED_BYTES = 64 << 20;
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
        if (maxQueuedBytesPerStream < MIN_QUEUED_BYTES || maxQueuedBytesPerStream > MAX_QUEUED_BYTES) {
            throw new IllegalArgumentException("maxQueuedBytesPerStream: " + maxQueuedBytesPerStream + " (expected: "
                    + MIN_QUEUED_BYTES + " to " + MAX_QUEUED_BYTES + ")");
        }
    }

    /** Any ephemeral port, {@link #DEFAULT_MAX_TERMINATIONS}, the MSRP relay's default queue bound. */
    public static MrfpMediaSettings ephemeral(String mediaHost) {
        return new MrfpMediaSettings(mediaHost, 0, 0, DEFAULT_MAX_TERMINATIONS,
                org.keygate.ims.msrp.MsrpPipeline.DEFAULT_MAX_QUEUED_BYTES);
    }

    boolean ephemeralPorts() {
        return minPort == 0;
    }
}
