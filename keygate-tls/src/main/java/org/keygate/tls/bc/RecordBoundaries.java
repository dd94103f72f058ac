package org.keygate.tls.bc;

/**
 * Where the TLS records of an incoming stream end (RFC 5246 6.2.1, RFC 8446 5.1: a 5-octet header whose last two
 * octets are the fragment's length), so that {@link BcTlsHandler} can offer Bouncy Castle one whole record at a time:
 * BC decrypts a record offered whole in place, where octets it has to queue are copied in and copied out again (two
 * copies of every 16 KiB record, a tenth of the MRFP's CPU per 32 KiB MSRP chunk, issue 20). Only where the pieces
 * are cut depends on this; BC reads any cut correctly, and checks every header itself.
 */
final class RecordBoundaries {
    private static final int HEADER = 5;

    private final byte[] header = new byte[HEADER];
    /** Octets of the current record's header seen so far, while fewer than five. */
    private int headerSeen;
    /** Octets of the current record still to come once its header is complete. */
    private int remaining;

    /** The length of the next piece of {@code octets[from, to)} to offer: up to the end of a record where it can. */
    int next(byte[] octets, int from, int to) {
        int available = to - from;
        if (remaining > 0) {
            int n = Math.min(remaining, available);
            remaining -= n;
            return n;
        }
        if (headerSeen == 0 && available >= HEADER) {
            int record = HEADER + fragmentLength(octets[from + 3], octets[from + 4]);
            if (available >= record) {
                return record;
            }
            remaining = record - available;
            return available;
        }
        int n = Math.min(HEADER - headerSeen, available);
        System.arraycopy(octets, from, header, headerSeen, n);
        headerSeen += n;
        if (headerSeen < HEADER) {
            return n;
        }
        headerSeen = 0;
        int fragment = fragmentLength(header[3], header[4]);
        int rest = Math.min(fragment, available - n);
        remaining = fragment - rest;
        return n + rest;
    }

    private static int fragmentLength(byte high, byte low) {
        return (high & 0xFF) << 8 | (low & 0xFF);
    }
}
