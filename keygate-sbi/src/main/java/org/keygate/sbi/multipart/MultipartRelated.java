package org.keygate.sbi.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * multipart/related bodies (RFC 2387 on RFC 2046 5.1), as the SBI carries N1/N2 message contents next to a JSON
 * root part (TS 29.500 6.1.2.4). Written by hand: Netty decodes only form-data, and the SBI needs no more than
 * splitting on the boundary and reading part headers. Bounded: at most {@value #MAX_PARTS} parts, header blocks of
 * at most {@value #MAX_HEADER_BYTES} octets.
 */
public record MultipartRelated(String boundary, List<MimePart> parts) {
    /** N1N2MessageTransfer carries at most a JSON root, an N1 and an N2 part; 16 leaves room. */
    public static final int MAX_PARTS = 16;
    public static final int MAX_HEADER_BYTES = 4096;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final byte[] CRLF = {'\r', '\n'};

    public MultipartRelated {
        parts = List.copyOf(parts);
    }

    /** A body with a fresh random boundary. */
    public static MultipartRelated of(List<MimePart> parts) {
        byte[] r = new byte[12];
        new SecureRandom().nextBytes(r);
        return new MultipartRelated("keygate-" + HexFormat.of().formatHex(r), parts);
    }

    public static boolean isMultipartRelated(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related");
    }

    public String contentType() {
        return "multipart/related; boundary=" + boundary;
    }

    public static MultipartRelated parse(String contentType, byte[] body) throws MultipartException {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!isMultipartRelated(contentType) || !m.find()) {
            throw new MultipartException("not multipart/related with a boundary");
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new MultipartException("no boundary line in the body");
        }
        List<MimePart> parts = new ArrayList<>();
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos = at + delimiter.length;
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return new MultipartRelated(boundary, parts);
            }
            pos = skipLine(body, pos);
            int end = indexOf(body, next, pos);
            if (end < 0) {
                throw new MultipartException("a body part is not closed by the boundary");
            }
            if (parts.size() == MAX_PARTS) {
                throw new MultipartException("more than " + MAX_PARTS + " body parts");
            }
            parts.add(part(body, pos, end));
            pos = end + next.length;
        }
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (MimePart p : parts) {
            out.writeBytes(delimiter);
            out.writeBytes(CRLF);
            for (Map.Entry<String, String> h : p.headers()) {
                out.writeBytes((h.getKey() + ": " + h.getValue()).getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(CRLF);
            }
            out.writeBytes(CRLF);
            out.writeBytes(p.body());
            out.writeBytes(CRLF);
        }
        out.writeBytes(delimiter);
        out.writeBytes(new byte[] {'-', '-'});
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    private static MimePart part(byte[] body, int start, int end) throws MultipartException {
        int headerEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, start);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int contentStart;
        if (startsWith(body, start, CRLF)) {
            // no header fields; when the part is empty this CRLF is the next delimiter's own (RFC 2046 5.1.1)
            contentStart = Math.min(start + 2, end);
        } else if (headerEnd < 0 || headerEnd > end) {
            throw new MultipartException("a body part has no end of headers");
        } else {
            if (headerEnd - start > MAX_HEADER_BYTES) {
                throw new MultipartException("body part headers over " + MAX_HEADER_BYTES + " octets");
            }
            // RFC 2045 3 / RFC 5322 2.2: header fields are printable US-ASCII (HTAB allowed in bodies). Decoding other
            // octets as ASCII would turn them into U+FFFD and the part would be forwarded with other headers
            // than it came with (found by MultipartParseFuzzTarget).
            for (int i = start; i < headerEnd; i++) {
                int c = body[i] & 0xff;
                if ((c < 0x20 || c > 0x7e) && c != '\t' && !(c == '\r' && i + 1 < headerEnd && body[i + 1] == '\n')
                        && !(c == '\n' && i > start && body[i - 1] == '\r')) {
                    throw new MultipartException("a body part header has an octet outside printable US-ASCII");
                }
            }
            for (String line : new String(body, start, headerEnd - start, StandardCharsets.US_ASCII).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new MultipartException("a body part header line is not name: value");
                }
                headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
            // RFC 2046 5.1.1: body-part = headers [CRLF *OCTET], and the delimiter starts with CRLF: a part with headers
            // and no body ends its header block with the delimiter's CRLF. Reading past it gave a negative length
            // (NegativeArraySizeException, found by MultipartParseFuzzTarget).
            contentStart = Math.min(headerEnd + 4, end);
        }
        byte[] content = new byte[end - contentStart];
        System.arraycopy(body, contentStart, content, 0, content.length);
        return new MimePart(headers, content);
    }

    private static int skipLine(byte[] b, int pos) throws MultipartException {
        int eol = indexOf(b, CRLF, pos);
        if (eol < 0) {
            throw new MultipartException("a boundary line does not end");
        }
        return eol + 2;
    }

    private static boolean startsWith(byte[] b, int pos, byte[] prefix) {
        if (pos + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from) {
        outer:
        for (int i = from; i <= b.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "MultipartRelated[" + parts.size() + " parts]";
    }
}
