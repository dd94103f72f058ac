package org.keygate.sbi.h2;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keygate.sbi.http.SbiHeaders;

/** SBI header lists to and from HTTP/2 header blocks (RFC 9113 8.2, 8.3). */
public final class H2Messages {
    /**
     * RFC 9113 8.2.2: connection-specific fields never go into HTTP/2 (a peer treats them as malformed); {@code host}
     * becomes {@code :authority}, {@code content-length} is recomputed from the body sent.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host", "content-length");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString TE = AsciiString.cached("te");

    private H2Messages() {}

    /**
     * The regular fields of a received block, in order; {@code :authority} first as {@code host}, as HTTP/1.1 carries
     * it, so that handlers read the request's authority one way whatever the version.
     */
    public static SbiHeaders fields(Http2Headers block) {
        List<Map.Entry<String, String>> out = new ArrayList<>(block.size());
        CharSequence authority = block.authority();
        if (authority != null) {
            out.add(Map.entry("host", authority.toString()));
        }
        for (Map.Entry<CharSequence, CharSequence> h : block) {
            CharSequence name = h.getKey();
            if (name.length() > 0 && name.charAt(0) != ':') {
                out.add(Map.entry(name.toString(), h.getValue().toString()));
            }
        }
        return new SbiHeaders(out);
    }

    /** Adds {@code fields} to {@code block}, without the connection-specific ones, and the body's length. */
    public static Http2Headers withFields(Http2Headers block, SbiHeaders fields, int bodyLength, boolean lengthAllowed) {
        for (Map.Entry<String, String> h : fields.entries()) {
            String name = h.getKey();
            if (NOT_FORWARDED.contains(name)) {
                continue;
            }
            if (TE.contentEquals(name) && !"trailers".equalsIgnoreCase(h.getValue().strip())) {
                continue; // RFC 9113 8.2.2: te may only say trailers
            }
            block.add(name, h.getValue());
        }
        if (lengthAllowed) {
            block.setInt(CONTENT_LENGTH, bodyLength);
        }
        return block;
    }

    /** A header block without Netty's per-add name validation: SbiHeaders names are already lowercase. */
    public static Http2Headers newBlock() {
        return new DefaultHttp2Headers(false);
    }
}
