package org.keygate.ims.msrp;

/**
 * Limits of the MSRP decoder and relay. RFC 4975 sets none, so each is a named default chosen to bound memory
 * per connection; out-of-range values are refused, never clamped.
 *
 * <table>
 * <caption>MSRP limits</caption>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxLineBytes</td><td>{@value #DEFAULT_MAX_LINE_BYTES}</td><td>start line or header line, CRLF excluded;
 * room for a To-Path of a few relays</td></tr>
 * <tr><td>maxHeaders</td><td>{@value #DEFAULT_MAX_HEADERS}</td><td>header lines per message (RFC 4975 defines
 * nine)</td></tr>
 * <tr><td>maxChunkBodyBytes</td><td>{@value #DEFAULT_MAX_CHUNK_BODY_BYTES}</td><td>body of one chunk; RFC 4975
 * 7.1.1 asks receivers to take chunks up to the largest message they accept, so the relay's message limit is the
 * same</td></tr>
 * </table>
 */
public record MsrpLimits(int maxLineBytes, int maxHeaders, int maxChunkBodyBytes) {
    public static final int DEFAULT_MAX_LINE_BYTES = 4096;
    public static final int DEFAULT_MAX_HEADERS = 32;
    public static final int DEFAULT_MAX_CHUNK_BODY_BYTES = 256 * 1024;
    public static final MsrpLimits DEFAULT =
            new MsrpLimits(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_HEADERS, DEFAULT_MAX_CHUNK_BODY_BYTES);

    public MsrpLimits {
        if (maxLineBytes < 128 || maxLineBytes > 65536) {
            throw new IllegalArgumentException("maxLineBytes: " + maxLineBytes + " (expected: 128..65536)");
        }
        if (maxHeaders < 2 || maxHeaders > 1024) {
            throw new IllegalArgumentException("maxHeaders: " + maxHeaders + " (expected: 2..1024)");
        }
        if (maxChunkBodyBytes < 2048 || maxChunkBodyBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxChunkBodyBytes: " + maxChunkBodyBytes
                    + " (expected: 2048..67108864; RFC 4975 7.1.1 chunks of 2048 octets must fit)");
        }
    }
}
