package org.keygate.ims.mrfp;

/**
 * The answer to a reservation: where the stream listens (for the SDP {@code c=}/{@code m=} lines) and, for MSRP, the
 * MRFP's {@code a=path} URI for it (null for BFCP).
 */
public record ReservedTermination(String conferenceId, String terminationId, MediaKind media, String host, int port,
        String msrpPath) {
}
