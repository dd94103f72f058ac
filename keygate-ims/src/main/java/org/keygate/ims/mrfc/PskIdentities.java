package org.keygate.ims.mrfc;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keygate.ims.mikey.ticket.EstablishedSession;

/**
 * The TLS psk_identity for a stream keyed by a MIKEY-TICKET crypto session, from a format with the placeholders
 * {@code {csbId}} (8 hex digits), {@code {csId}} (decimal) and {@code {spi}} (hex). TS 33.328 Annex H (not in hand)
 * profiles it; keygate's default is {@value #DEFAULT_FORMAT}, which both ends know from the exchange and which names
 * exactly one TEK. A deployment agrees its format with the other vendor (docs/IMS.md, "Points to agree").
 */
public record PskIdentities(String format) {
    // before DEFAULT: the constructor reads it
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]*)}");
    public static final String DEFAULT_FORMAT = "mikey:{csbId}:{csId}:{spi}";
    public static final PskIdentities DEFAULT = new PskIdentities(DEFAULT_FORMAT);
    /** RFC 4279 5.1: "PSK identities ... up to 2^16-1 octets"; a format is far shorter, the SPI bounded. */
    public static final int MAX_FORMAT_CHARS = 128;

    public PskIdentities {
        Objects.requireNonNull(format, "format");
        if (format.isEmpty() || format.length() > MAX_FORMAT_CHARS || !format.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("format: \"" + format + "\" (expected: 1.." + MAX_FORMAT_CHARS
                    + " printable ASCII characters)");
        }
        Matcher m = PLACEHOLDER.matcher(format);
        boolean spi = false;
        boolean csbId = false;
        while (m.find()) {
            switch (m.group(1)) {
                case "spi" -> spi = true;
                case "csbId" -> csbId = true;
                case "csId" -> { }
                default -> throw new IllegalArgumentException("format: unknown placeholder {" + m.group(1)
                        + "} (expected: {csbId}, {csId}, {spi})");
            }
        }
        // TS 23.333 5.20.2: the PSK must be tied to one stream; without the CSB ID and the SPI identities collide
        if (!spi || !csbId) {
            throw new IllegalArgumentException("format: \"" + format + "\" (expected: {csbId} and {spi}, which name one TEK)");
        }
    }

    /** The identity under the default format, {@value #DEFAULT_FORMAT}. */
    public static String of(EstablishedSession session) {
        return DEFAULT.identity(session);
    }

    public String identity(EstablishedSession session) {
        return format.replace("{csbId}", String.format("%08x", session.csbId()))
                .replace("{csId}", Integer.toString(session.csId()))
                .replace("{spi}", HexFormat.of().formatHex(session.spi().toByteArray()));
    }
}
