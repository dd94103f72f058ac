package org.keygate.ims.msrp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits one message into SEND chunks (RFC 4975 7.1.1): each carries the same Message-ID, its Byte-Range with the
 * total, and "+" except the last ("$"). An empty message is one SEND with {@code 1-0/0}.
 */
public final class MsrpChunker {
    /** RFC 4975 7.1.1: chunks of 2048 octets are what every receiver must take without interruption. */
    public static final int DEFAULT_CHUNK_BYTES = 2048;

    private final MsrpIdents idents;
    private final int chunkBytes;

    public MsrpChunker(MsrpIdents idents, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes: " + chunkBytes + " (expected: >= 1)");
        }
        this.idents = idents;
        this.chunkBytes = chunkBytes;
    }

    /**
     * @param reports Success-Report and Failure-Report headers to put on every chunk (RFC 4975 7.1.1 wants them
     *                the same on each)
     */
    public List<MsrpRequest> chunks(MsrpUri to, MsrpUri from, String messageId, String contentType, byte[] message,
            List<MsrpHeader> reports) {
        List<MsrpRequest> chunks = new ArrayList<>();
        int offset = 0;
        do {
            int end = Math.min(message.length, offset + chunkBytes);
            List<MsrpHeader> headers = new ArrayList<>();
            headers.add(new MsrpHeader(MsrpHeader.MESSAGE_ID, messageId));
            headers.add(new MsrpHeader(MsrpHeader.BYTE_RANGE,
                    new ByteRange(offset + 1, end, message.length).toString()));
            headers.addAll(reports);
            chunks.add(new MsrpRequest(idents.next(), MsrpRequest.SEND, List.of(to), List.of(from), headers,
                    Optional.of(contentType), Arrays.copyOfRange(message, offset, end),
                    end == message.length ? Continuation.END : Continuation.MORE));
            offset = end;
        } while (offset < message.length);
        return chunks;
    }
}
