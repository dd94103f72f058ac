package org.keygate.n32.n32f.reformat;

import java.util.Objects;

/**
 * A binary body part of a multipart/related SBI message (an N1 or N2 message content), named by its Content-ID
 * (TS 29.500 6.1.2.4). The octets are not copied: treat them as read-only.
 */
public record BinaryPart(String contentId, String contentType, byte[] data) {
    public BinaryPart {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String toString() {
        return "BinaryPart[" + contentId + ", " + contentType + ", " + data.length + " octets]";
    }
}
