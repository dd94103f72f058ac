package org.keygate.capif.config;

import java.nio.file.Path;
import org.keygate.sbi.h2.H2Settings;

/**
 * The {@code http2} member of the CCF's and the AEF's files: the HTTP/2 flow-control windows their listeners advertise
 * (RFC 9113 6.9.2), as a SEPP's (docs/CONFIGURATION.md). At least the protocol's 65,535 octets; the connection window
 * at least the stream window, so that one answer cannot fill the connection.
 */
final class Http2Windows {
    private Http2Windows() {}

    /** The file as written; absent members take {@link H2Settings#DEFAULT}'s. */
    record Raw(Integer streamWindowBytes, Integer connectionWindowBytes) {}

    static H2Settings of(Path file, Raw raw) {
        if (raw == null) {
            return H2Settings.DEFAULT;
        }
        int stream = raw.streamWindowBytes() == null ? H2Settings.DEFAULT.initialStreamWindowBytes()
                : raw.streamWindowBytes();
        int connection = raw.connectionWindowBytes() == null
                ? Math.max(stream, H2Settings.DEFAULT.connectionWindowBytes()) : raw.connectionWindowBytes();
        if (stream < H2Settings.PROTOCOL_DEFAULT_WINDOW) {
            throw new CapifConfigException(file + ": http2.streamWindowBytes: " + stream + " (expected: "
                    + H2Settings.PROTOCOL_DEFAULT_WINDOW + ".." + Integer.MAX_VALUE + ")");
        }
        if (connection < stream) {
            throw new CapifConfigException(file + ": http2.connectionWindowBytes: " + connection
                    + " (expected: at least http2.streamWindowBytes (" + stream + ").." + Integer.MAX_VALUE + ")");
        }
        return new H2Settings(stream, connection);
    }
}
