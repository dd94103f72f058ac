package org.keygate.ims.bfcp;

import java.util.List;

/**
 * What {@link BfcpDecoder} passes on for a message it refuses. When the framing held ({@code fatal} false) the next
 * message is decoded normally; otherwise (a version other than 1, a message over the size limit) the decoder discards
 * the rest of the connection's input and the handler closes it after the Error.
 *
 * @param header the common header as received, to address the Error reply (RFC 4582 13.8)
 */
public record BfcpDecodeFailure(BfcpCodec.Header header, String reason, BfcpErrorCode errorCode, boolean fatal) {
    /** The Error message for the client (RFC 4582 13.8): its header fields copied, ERROR-CODE and ERROR-INFO. */
    public BfcpMessage errorReply() {
        return new BfcpMessage(BfcpPrimitive.ERROR, header.conferenceId(), header.transactionId(), header.userId(),
                List.of(BfcpMessages.errorCode(errorCode), BfcpMessages.errorInfo(reason)));
    }
}
