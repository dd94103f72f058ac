package org.keygate.sbi.multipart;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One body part of a multipart message: its header fields (names lowercased, order kept) and its octets. */
public record MimePart(List<Map.Entry<String, String>> headers, byte[] body) {
    public MimePart {
        headers = headers.stream().map(h -> Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue())).toList();
    }

    public Optional<String> header(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.getKey().equals(n)).map(Map.Entry::getValue).findFirst();
    }

    public Optional<String> contentType() {
        return header("content-type");
    }

    /** The Content-ID without the angle brackets RFC 2392 puts around it (3GPP peers send both forms). */
    public Optional<String> contentId() {
        return header("content-id").map(String::trim)
                .map(id -> id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id);
    }

    @Override
    public String toString() {
        return "MimePart[" + contentType().orElse("-") + ", " + body.length + " octets]";
    }
}
