package org.keygate.ims.mrfp;

import java.util.Optional;

/**
 * The answer to a reservation: where the stream listens (for the SDP {@code c=}/{@code m=} lines) and, for MSRP, the
 * MRFP's {@code a=path} URI for it.
 */
public record ReservedTermination(String conferenceId, String terminationId, MediaKind media, String host, int port,
        Optional<String> msrpPath) {
}
