package org.keygate.ims.msrp;

import java.util.List;
import java.util.Optional;

/**
 * What {@link MsrpDecoder} passes on instead of a message when the input breaks RFC 4975 9 or a limit. After it the
 * decoder discards the rest of the connection's input: MSRP framing cannot be found again, so the handler answers
 * (when the transaction is known well enough) and closes.
 *
 * @param reason a fixed text that quotes no input
 * @param status the response code a request would get (400, or 413 for a too large chunk)
 */
public record MsrpDecodeFailure(String reason, MsrpStatus status, Optional<String> transactionId,
        List<MsrpUri> toPath, List<MsrpUri> fromPath) {
    public MsrpDecodeFailure {
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
    }

    /** A response for the peer, when the request's transaction ID and paths were read before the error. */
    public Optional<MsrpResponse> response() {
        if (transactionId.isEmpty() || toPath.isEmpty() || fromPath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MsrpResponse(transactionId.get(), status.code(), Optional.of(status.comment()),
                List.of(fromPath.getFirst()), List.of(toPath.getLast()), List.of()));
    }
}
