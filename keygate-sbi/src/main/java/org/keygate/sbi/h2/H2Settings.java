package org.keygate.sbi.h2;

/**
 * The HTTP/2 flow-control windows a keygate endpoint advertises (RFC 9113 6.9.2): per stream in SETTINGS, for the
 * connection by a WINDOW_UPDATE right after the preface ({@link H2Connection}). The protocol's default (65,535 octets) lets a peer send
 * only a few messages per round trip, and a peer that mishandles small windows (Open5GS's N32-f server, issue 19)
 * fails under load; SBI messages are small, so large windows cost no memory unless a peer actually sends that much,
 * which the body limits bound anyway.
 */
public record H2Settings(int initialStreamWindowBytes, int connectionWindowBytes) {
    /** The protocol's initial window (RFC 9113 6.9.2). */
    public static final int PROTOCOL_DEFAULT_WINDOW = 65_535;
    public static final H2Settings DEFAULT = new H2Settings(1 << 20, 8 << 20);

    public H2Settings {
        if (initialStreamWindowBytes < PROTOCOL_DEFAULT_WINDOW || connectionWindowBytes < PROTOCOL_DEFAULT_WINDOW) {
            throw new IllegalArgumentException("HTTP/2 windows: " + initialStreamWindowBytes + " / "
                    + connectionWindowBytes + " octets (expected: at least " + PROTOCOL_DEFAULT_WINDOW + ")");
        }
    }

    /** What to add to the connection window after the preface (zero: keep the protocol's). */
    public int connectionWindowIncrement() {
        return connectionWindowBytes - PROTOCOL_DEFAULT_WINDOW;
    }
}
