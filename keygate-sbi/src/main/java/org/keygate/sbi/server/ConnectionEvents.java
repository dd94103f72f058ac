package org.keygate.sbi.server;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the log says about refused and early-closed connections, one listener's worth. */
final class ConnectionEvents {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);

    private final SbiServerConfig config;

    ConnectionEvents(SbiServerConfig config) {
        this.config = config;
    }

    void refused(InetAddress source, ConnectionTracker.Reason reason) {
        log.warn("{}: connection from {} refused ({})", config.name(), source.getHostAddress(), reason.setting);
    }

    void renegotiationRefused(InetAddress source) {
        log.warn("{}: TLS renegotiation from {} refused, connection closed", config.name(), source.getHostAddress());
    }

    void closed(InetAddress source, ConnectionTracker.Reason reason) {
        log.info("{}: connection from {} closed ({})", config.name(), source.getHostAddress(), reason.setting);
    }
}
