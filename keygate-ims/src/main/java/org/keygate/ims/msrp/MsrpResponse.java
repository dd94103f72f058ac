package org.keygate.ims.msrp;

import java.util.List;
import java.util.Optional;

/**
 * An MSRP response (RFC 4975 7.2): status code, optional comment, To-Path and From-Path, no body.
 *
 * @param comment the text after the status code, printable UTF-8 only
 */
public record MsrpResponse(String transactionId, int status, Optional<String> comment, List<MsrpUri> toPath,
        List<MsrpUri> fromPath, List<MsrpHeader> headers) implements MsrpMessage {
    public MsrpResponse {
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
        MsrpMessage.check(transactionId, toPath, fromPath);
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("MSRP status code: " + status + " (expected: 3DIGIT)");
        }
        if (comment.isPresent() && !MsrpGrammar.isUtf8Text(comment.get())) {
            throw new IllegalArgumentException("MSRP response comment has control characters");
        }
    }

    /**
     * The response to a request (RFC 4975 7.2): its To-Path is the previous hop (the first URI of the request's
     * From-Path) for a SEND, the whole From-Path otherwise; its From-Path is the responder (the last URI of the
     * request's To-Path).
     */
    public static MsrpResponse to(MsrpRequest request, MsrpStatus status) {
        List<MsrpUri> back = request.method().equals(MsrpRequest.SEND) ? List.of(request.fromPath().getFirst())
                : request.fromPath();
        return new MsrpResponse(request.transactionId(), status.code(), Optional.of(status.comment()), back,
                List.of(request.toPath().getLast()), List.of());
    }
}
