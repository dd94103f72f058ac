package org.keygate.sbi.h2;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpScheme;
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

    /**
     * The block of a request: its pseudo-header fields (RFC 9113 8.3.1), the usual methods and schemes as Netty's
     * constants. (The path, the authority and the other fields stay Strings: written as {@link AsciiString}s, HPACK
     * encoded them faster, but making them took as long; issue 10, docs/PERFORMANCE.md.)
     */
    public static Http2Headers requestBlock(String method, String path, String scheme, String authority) {
        return newBlock().method(methodName(method)).path(path).scheme(schemeName(scheme)).authority(authority);
    }

    /**
     * The block of a response: its {@code :status} (RFC 9113 8.3.2), Netty's constant text for the usual codes
     * ({@code Integer.toString} per answer was 1.3 % of a TLS-mode SEPP's samples, issue 10).
     */
    public static Http2Headers responseBlock(int status) {
        return newBlock().status(HttpResponseStatus.valueOf(status).codeAsText());
    }

    private static CharSequence methodName(String method) {
        return switch (method) {
            case "POST" -> HttpMethod.POST.asciiName();
            case "GET" -> HttpMethod.GET.asciiName();
            case "PUT" -> HttpMethod.PUT.asciiName();
            case "PATCH" -> HttpMethod.PATCH.asciiName();
            case "DELETE" -> HttpMethod.DELETE.asciiName();
            default -> method;
        };
    }

    private static CharSequence schemeName(String scheme) {
        return switch (scheme) {
            case "https" -> HttpScheme.HTTPS.name();
            case "http" -> HttpScheme.HTTP.name();
            default -> scheme;
        };
    }

    /** A header block without Netty's per-add name validation: SbiHeaders names are already lowercase. */
    private static Http2Headers newBlock() {
        return new DefaultHttp2Headers(false);
    }
}
