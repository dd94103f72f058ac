package org.keygate.ims.msrp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP request (RFC 4975 7): SEND, REPORT or an extension method. The body is one chunk's data; it is held as
 * a copy and never printed.
 *
 * @param contentType present exactly when the request has a body part (RFC 4975 9, content-stuff)
 */
public record MsrpRequest(String transactionId, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath,
        List<MsrpHeader> headers, Optional<String> contentType, byte[] body, Continuation continuation)
        implements MsrpMessage {
    public static final String SEND = "SEND";
    public static final String REPORT = "REPORT";

    public MsrpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(continuation, "continuation");
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
        body = body.clone();
        MsrpMessage.check(transactionId, toPath, fromPath);
        if (!MsrpGrammar.isMethod(method)) {
            throw new IllegalArgumentException("MSRP method is not 1*UPALPHA");
        }
        if (contentType.isPresent() && !MsrpGrammar.isMediaType(contentType.get())) {
            throw new IllegalArgumentException("Content-Type is not type/subtype");
        }
        if (contentType.isEmpty() && body.length > 0) {
            throw new IllegalArgumentException("a body needs a Content-Type (RFC 4975 9, content-stuff)");
        }
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The Byte-Range header, or the whole body when absent (RFC 4975 7.1.1: then the chunk is the message). */
    public ByteRange byteRange() {
        return header(MsrpHeader.BYTE_RANGE).map(ByteRange::parse).orElse(ByteRange.whole(body.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpRequest r && transactionId.equals(r.transactionId) && method.equals(r.method)
                && toPath.equals(r.toPath) && fromPath.equals(r.fromPath) && headers.equals(r.headers)
                && contentType.equals(r.contentType) && Arrays.equals(body, r.body) && continuation == r.continuation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, method, toPath, fromPath, headers, contentType, Arrays.hashCode(body), continuation);
    }

    /** Prints the body's length only: chat content stays out of logs. */
    @Override
    public String toString() {
        return "MsrpRequest[" + method + " " + transactionId + ", to=" + toPath + ", from=" + fromPath + ", headers="
                + headers + ", contentType=" + contentType.orElse("-") + ", body=" + body.length + " octets, "
                + continuation + "]";
    }
}
