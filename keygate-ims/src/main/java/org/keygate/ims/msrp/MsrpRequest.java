package org.keygate.ims.msrp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP request (RFC 4975 7): SEND, REPORT or an extension method. The body is one chunk's data, immutable
 * ({@link ChunkBody}: a relay forwards it without copying) and never printed.
 *
 * @param contentType present exactly when the request has a body part (RFC 4975 9, content-stuff)
 */
public record MsrpRequest(String transactionId, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath,
        List<MsrpHeader> headers, Optional<String> contentType, ChunkBody chunkBody, Continuation continuation)
        implements MsrpMessage {
    public static final String SEND = "SEND";
    public static final String REPORT = "REPORT";

    public MsrpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(continuation, "continuation");
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
        Objects.requireNonNull(chunkBody, "chunkBody");
        MsrpMessage.check(transactionId, toPath, fromPath);
        if (!MsrpGrammar.isMethod(method)) {
            throw new IllegalArgumentException("MSRP method is not 1*UPALPHA");
        }
        if (contentType.isPresent() && !MsrpGrammar.isMediaType(contentType.get())) {
            throw new IllegalArgumentException("Content-Type is not type/subtype");
        }
        if (contentType.isEmpty() && chunkBody.length() > 0) {
            throw new IllegalArgumentException("a body needs a Content-Type (RFC 4975 9, content-stuff)");
        }
    }

    /** A request whose body is a copy of {@code body}. */
    public MsrpRequest(String transactionId, String method, List<MsrpUri> toPath, List<MsrpUri> fromPath,
            List<MsrpHeader> headers, Optional<String> contentType, byte[] body, Continuation continuation) {
        this(transactionId, method, toPath, fromPath, headers, contentType, ChunkBody.copyOf(body), continuation);
    }

    /** A copy of the body's octets. */
    public byte[] body() {
        return chunkBody.toByteArray();
    }

    public int bodyLength() {
        return chunkBody.length();
    }

    /** The Byte-Range header, or the whole body when absent (RFC 4975 7.1.1: then the chunk is the message). */
    public ByteRange byteRange() {
        return header(MsrpHeader.BYTE_RANGE).map(ByteRange::parse).orElse(ByteRange.whole(chunkBody.length()));
    }

    /** Prints the body's length only: chat content stays out of logs. */
    @Override
    public String toString() {
        return "MsrpRequest[" + method + " " + transactionId + ", to=" + toPath + ", from=" + fromPath + ", headers="
                + headers + ", contentType=" + contentType.orElse("-") + ", body=" + chunkBody + ", "
                + continuation + "]";
    }
}
