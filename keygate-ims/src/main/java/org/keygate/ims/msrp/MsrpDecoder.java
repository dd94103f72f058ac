package org.keygate.ims.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.PreferHeapByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a byte stream into {@link MsrpRequest}s and {@link MsrpResponse}s (RFC 4975 9), one chunk at a time.
 *
 * <p>Strict: the start line, To-Path then From-Path first, the header syntax of the fields RFC 4975 defines
 * (Message-ID, Byte-Range, Success-Report, Failure-Report, Status), Content-Type last before the body, UTF-8 text
 * without controls, and an end-line carrying the start line's transaction ID. A body may not contain its own
 * end-line (RFC 4975 7.1). Any violation, or a line, header count or chunk over {@link MsrpLimits}, produces one
 * {@link MsrpDecodeFailure}; the decoder then discards everything else on the connection (there is no way to
 * find the next message).
 *
 * <p>Buffers: the decoder copies each body once, into its message's {@link ChunkBody}, so nothing it passes on needs
 * releasing.
 */
public final class MsrpDecoder extends ByteToMessageDecoder {
    private static final String END_LINE_DASHES = "-------";
    private static final int NOT_YET = -1;
    private static final int TOO_LONG = -2;

    private enum State { START_LINE, HEADERS, BODY, BAD_MESSAGE }

    private final MsrpLimits limits;
    private State state = State.START_LINE;
    private String transactionId;
    private String method;
    private int status;
    private Optional<String> comment;
    private List<MsrpUri> toPath;
    private List<MsrpUri> fromPath;
    private List<MsrpHeader> headers;
    private String contentType;
    private int headerLines;
    private byte[] endPattern;
    private int searchedBodyBytes;

    public MsrpDecoder(MsrpLimits limits) {
        this.limits = limits;
        reset();
        // Heap cumulation: the decoder reads its input octet by octet (lines, the end-line search) and copies each
        // body into an array; in a direct cumulation each of those was a bounds-checked native access (a fifth of
        // the MRFP's CPU per 1 KiB relayed chunk, issue 20).
        setCumulator((alloc, cumulation, in) -> MERGE_CUMULATOR.cumulate(heap(alloc), cumulation, in));
    }

    private ByteBufAllocator heapAllocator;

    private ByteBufAllocator heap(ByteBufAllocator alloc) {
        if (heapAllocator == null) {
            heapAllocator = new PreferHeapByteBufAllocator(alloc);
        }
        return heapAllocator;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            Object message;
            try {
                message = switch (state) {
                    case START_LINE -> readStartLine(in);
                    case HEADERS -> readHeaderLine(in);
                    case BODY -> readBody(in);
                    case BAD_MESSAGE -> {
                        in.skipBytes(in.readableBytes());
                        yield null;
                    }
                };
            } catch (MalformedMsrp e) {
                out.add(new MsrpDecodeFailure(e.getMessage(), e.status, Optional.ofNullable(transactionId),
                        toPath, fromPath));
                state = State.BAD_MESSAGE;
                in.skipBytes(in.readableBytes());
                return;
            }
            if (message == NEED_MORE) {
                return;
            }
            if (message != null) {
                out.add(message);
                reset();
            }
            if (!in.isReadable()) {
                return;
            }
        }
    }

    /** Marker: not enough input buffered yet. */
    private static final Object NEED_MORE = new Object();
    /** Marker: a line was consumed, keep going. */
    private static final Object CONTINUE = null;

    private Object readStartLine(ByteBuf in) {
        String line = readLine(in);
        if (line == null) {
            return NEED_MORE;
        }
        // RFC 4975 9: req-start = pMSRP SP transact-id SP method CRLF; resp-start = pMSRP SP transact-id SP
        // status-code [SP comment] CRLF
        if (!line.startsWith("MSRP ")) {
            throw new MalformedMsrp("start line does not begin with \"MSRP \"");
        }
        int sp = line.indexOf(' ', 5);
        if (sp < 0) {
            throw new MalformedMsrp("start line has no method or status");
        }
        String tid = line.substring(5, sp);
        if (!MsrpGrammar.isIdent(tid)) {
            throw new MalformedMsrp("transaction-id is not an RFC 4975 ident");
        }
        transactionId = tid;
        String rest = line.substring(sp + 1);
        if (rest.length() >= 3 && isDigits(rest.substring(0, 3)) && (rest.length() == 3 || rest.charAt(3) == ' ')) {
            status = Integer.parseInt(rest.substring(0, 3));
            comment = rest.length() > 4 ? Optional.of(rest.substring(4)) : Optional.empty();
            if (status < 100) {
                throw new MalformedMsrp("status code below 100");
            }
        } else if (MsrpGrammar.isMethod(rest)) {
            method = rest;
        } else {
            throw new MalformedMsrp("start line is neither a request nor a response");
        }
        endPattern = ("\r\n" + END_LINE_DASHES + tid).getBytes(StandardCharsets.US_ASCII);
        state = State.HEADERS;
        return CONTINUE;
    }

    private Object readHeaderLine(ByteBuf in) {
        String line = readLine(in);
        if (line == null) {
            return NEED_MORE;
        }
        if (line.startsWith(END_LINE_DASHES)) {
            Continuation flag = endLineFlag(line);
            if (contentType != null) {
                throw new MalformedMsrp("Content-Type without a body (RFC 4975 9, content-stuff)");
            }
            return build(ChunkBody.EMPTY, flag);
        }
        if (line.isEmpty()) {
            if (method == null) {
                throw new MalformedMsrp("a response carries no body (RFC 4975 9)");
            }
            if (contentType == null) {
                throw new MalformedMsrp("body without Content-Type (RFC 4975 9, content-stuff)");
            }
            state = State.BODY;
            searchedBodyBytes = 0;
            return CONTINUE;
        }
        if (contentType != null) {
            throw new MalformedMsrp("Content-Type is not the last header (RFC 4975 9, content-stuff)");
        }
        if (++headerLines > limits.maxHeaders()) {
            throw new MalformedMsrp("more than " + limits.maxHeaders() + " header lines");
        }
        int colon = line.indexOf(':');
        if (colon < 1 || colon + 1 >= line.length() || line.charAt(colon + 1) != ' ') {
            throw new MalformedMsrp("header line is not name \": \" value (RFC 4975 9)");
        }
        MsrpHeader header;
        try { // the value type checks the header's grammar (RFC 4975 9), once
            header = new MsrpHeader(line.substring(0, colon), line.substring(colon + 2));
        } catch (IllegalArgumentException e) {
            throw new MalformedMsrp("header name or value outside RFC 4975 9");
        }
        header(header);
        return CONTINUE;
    }

    private void header(MsrpHeader header) {
        String name = header.name();
        String value = header.value();
        // RFC 4975 9: headers = To-Path CRLF From-Path CRLF *( header CRLF ), in that order
        if (headerLines == 1) {
            if (!name.equalsIgnoreCase("To-Path")) {
                throw new MalformedMsrp("first header is not To-Path (RFC 4975 9)");
            }
            toPath = value.equals(lastToPathValue) ? lastToPath : uris(value);
            lastToPathValue = value;
            lastToPath = toPath;
            return;
        }
        if (headerLines == 2) {
            if (!name.equalsIgnoreCase("From-Path")) {
                throw new MalformedMsrp("second header is not From-Path (RFC 4975 9)");
            }
            fromPath = value.equals(lastFromPathValue) ? lastFromPath : uris(value);
            lastFromPathValue = value;
            lastFromPath = fromPath;
            return;
        }
        if (name.equalsIgnoreCase("To-Path") || name.equalsIgnoreCase("From-Path")) {
            throw new MalformedMsrp("To-Path or From-Path repeated");
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            if (method == null || !MsrpGrammar.isMediaType(value)) {
                throw new MalformedMsrp("Content-Type on a response or not type/subtype");
            }
            contentType = value;
            return;
        }
        checkKnownHeader(name, value);
        for (MsrpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name) && isKnown(name)) {
                throw new MalformedMsrp(name + " repeated");
            }
        }
        headers.add(header);
    }

    private static boolean isKnown(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "message-id", "byte-range", "success-report", "failure-report", "status" -> true;
            default -> false;
        };
    }

    private static void checkKnownHeader(String name, String value) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "message-id" -> {
                if (!MsrpGrammar.isIdent(value)) {
                    throw new MalformedMsrp("Message-ID is not an RFC 4975 ident");
                }
            }
            case "byte-range" -> {
                try {
                    ByteRange.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new MalformedMsrp("Byte-Range: " + e.getMessage());
                }
            }
            case "success-report" -> {
                if (!value.equals("yes") && !value.equals("no")) {
                    throw new MalformedMsrp("Success-Report is not yes or no");
                }
            }
            case "failure-report" -> {
                if (!value.equals("yes") && !value.equals("no") && !value.equals("partial")) {
                    throw new MalformedMsrp("Failure-Report is not yes, no or partial");
                }
            }
            case "status" -> {
                try {
                    MsrpReportStatus.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new MalformedMsrp(e.getMessage());
                }
            }
            default -> { }
        }
    }

    /**
     * The paths of the previous message on this connection, kept by their text: a session's chunks all carry the same
     * two, and parsing them again was a tenth of the decoder's time (issue 20). The lists are immutable.
     */
    private String lastToPathValue;
    private List<MsrpUri> lastToPath;
    private String lastFromPathValue;
    private List<MsrpUri> lastFromPath;

    private List<MsrpUri> uris(String value) {
        List<MsrpUri> uris = new ArrayList<>();
        for (String part : value.split(" ", -1)) {
            try {
                uris.add(MsrpUri.parse(part));
            } catch (IllegalArgumentException e) {
                throw new MalformedMsrp("path URI: " + e.getMessage());
            }
        }
        return List.copyOf(uris);
    }

    private Object readBody(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int from = start + searchedBodyBytes;
        int found = indexOf(in, from, start + readable);
        if (found < 0) {
            searchedBodyBytes = Math.max(0, readable - endPattern.length + 1);
            if (readable - endPattern.length > limits.maxChunkBodyBytes()) {
                throw new MalformedMsrp("chunk body over " + limits.maxChunkBodyBytes() + " octets",
                        MsrpStatus.STOP_SENDING);
            }
            return NEED_MORE;
        }
        int bodyLength = found - start;
        if (bodyLength > limits.maxChunkBodyBytes()) {
            throw new MalformedMsrp("chunk body over " + limits.maxChunkBodyBytes() + " octets", MsrpStatus.STOP_SENDING);
        }
        int afterPattern = found + endPattern.length;
        if (start + readable < afterPattern + 3) {
            searchedBodyBytes = bodyLength;
            return NEED_MORE;
        }
        Continuation flag = Continuation.of(in.getByte(afterPattern));
        if (flag == null || in.getByte(afterPattern + 1) != '\r' || in.getByte(afterPattern + 2) != '\n') {
            // RFC 4975 7.1: the body must not contain the end-line's "-------" transact-id
            throw new MalformedMsrp("body contains the transaction's end-line marker");
        }
        byte[] body = new byte[bodyLength];
        in.readBytes(body);
        in.skipBytes(endPattern.length + 3);
        return build(ChunkBody.decoded(body, transactionId), flag);
    }

    private int indexOf(ByteBuf in, int from, int to) {
        int last = to - endPattern.length;
        for (int i = from; i <= last; i++) {
            int cr = in.indexOf(i, last + 1, (byte) '\r');
            if (cr < 0) {
                return -1;
            }
            boolean match = true;
            for (int j = 1; j < endPattern.length; j++) {
                if (in.getByte(cr + j) != endPattern[j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return cr;
            }
            i = cr;
        }
        return -1;
    }

    private Continuation endLineFlag(String line) {
        // RFC 4975 9: end-line = "-------" transact-id continuation-flag CRLF
        String expected = END_LINE_DASHES + transactionId;
        Continuation flag = line.length() == expected.length() + 1 && line.startsWith(expected)
                ? Continuation.of(line.charAt(line.length() - 1)) : null;
        if (flag == null) {
            throw new MalformedMsrp("end-line does not match the transaction-id");
        }
        return flag;
    }

    private MsrpMessage build(ChunkBody body, Continuation flag) {
        if (toPath.isEmpty() || fromPath.isEmpty()) {
            throw new MalformedMsrp("To-Path and From-Path are required (RFC 4975 9)");
        }
        if (method == null && flag != Continuation.END) {
            throw new MalformedMsrp("a response ends with \"$\" (RFC 4975 7.2)");
        }
        try {
            return method == null ? new MsrpResponse(transactionId, status, comment, toPath, fromPath, headers)
                    : new MsrpRequest(transactionId, method, toPath, fromPath, headers, Optional.ofNullable(contentType),
                            body, flag);
        } catch (IllegalArgumentException e) {
            // the value types re-check what the decoder checked; a gap between the two is still a 400, never a throw
            throw new MalformedMsrp("message breaks RFC 4975 9");
        }
    }

    /** One CRLF-terminated line as strict UTF-8 without the CRLF; null when not all here yet. */
    private String readLine(ByteBuf in) {
        int length = lineLength(in);
        if (length == NOT_YET) {
            return null;
        }
        if (length == TOO_LONG) {
            throw new MalformedMsrp("line longer than " + limits.maxLineBytes() + " octets");
        }
        int from = in.readerIndex();
        if (isPrintableAscii(in, from, length)) {
            // the common case, read without a charset decoder (one per line was a tenth of the decoder's time)
            String line = in.toString(from, length, StandardCharsets.US_ASCII);
            in.skipBytes(length + 2);
            return line;
        }
        ByteBuffer bytes = in.nioBuffer(from, length);
        in.skipBytes(length + 2);
        try {
            String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            if (!MsrpGrammar.isUtf8Text(line)) {
                throw new MalformedMsrp("control character in a line");
            }
            return line;
        } catch (CharacterCodingException e) {
            throw new MalformedMsrp("line is not UTF-8 (RFC 4975 9)");
        }
    }

    /** HTAB and %x20-7E only: ASCII utf8text (RFC 4975 9), whose bytes are its characters. */
    private static boolean isPrintableAscii(ByteBuf in, int from, int length) {
        return in.forEachByte(from, length, PRINTABLE_ASCII) < 0;
    }

    // bytes from 0x80 are negative: UTF-8, read the slow way
    private static final ByteProcessor PRINTABLE_ASCII = b -> (b >= 0x20 || b == '\t') && b != 0x7F;

    private int lineLength(ByteBuf in) {
        int scanTo = Math.min(in.writerIndex(), in.readerIndex() + limits.maxLineBytes() + 2);
        int lf = in.indexOf(in.readerIndex(), scanTo, (byte) '\n');
        if (lf < 0) {
            return in.readableBytes() >= limits.maxLineBytes() + 2 ? TOO_LONG : NOT_YET;
        }
        if (lf == in.readerIndex() || in.getByte(lf - 1) != '\r') {
            throw new MalformedMsrp("line not terminated by CRLF");
        }
        return lf - 1 - in.readerIndex();
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void reset() {
        state = State.START_LINE;
        transactionId = null;
        method = null;
        status = 0;
        comment = Optional.empty();
        toPath = List.of();
        fromPath = List.of();
        headers = new ArrayList<>();
        contentType = null;
        headerLines = 0;
        endPattern = null;
        searchedBodyBytes = 0;
    }

    /** Internal control flow for one malformed message; never leaves the decoder. */
    private static final class MalformedMsrp extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient MsrpStatus status;

        MalformedMsrp(String reason) {
            this(reason, MsrpStatus.BAD_REQUEST);
        }

        MalformedMsrp(String reason, MsrpStatus status) {
            super(reason, null, false, false);
            this.status = status;
        }
    }
}
