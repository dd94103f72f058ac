package org.keygate.sbi.server;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the log says about refused and early-closed connections, one listener's worth. */
final class ConnectionEvents {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);

    private final SbiServerConfig config;
    /** A connection flood must not write a line per connection (issue 12 item 5); the metrics count them all. */
    private final org.keygate.sbi.log.LogThrottle lines = new org.keygate.sbi.log.LogThrottle(log);

    ConnectionEvents(SbiServerConfig config) {
        this.config = config;
    }

    void refused(InetAddress source, ConnectionTracker.Reason reason) {
        lines.warn("refused " + reason.setting, "{}: connection from {} refused ({})", config.name(),
                source.getHostAddress(), reason.setting);
    }

    void renegotiationRefused(InetAddress source) {
        lines.warn("renegotiation", "{}: TLS renegotiation from {} refused, connection closed", config.name(),
                source.getHostAddress());
    }

    void closed(InetAddress source, ConnectionTracker.Reason reason) {
        lines.info("closed " + reason.setting, "{}: connection from {} closed ({})", config.name(),
                source.getHostAddress(), reason.setting);
    }
}
