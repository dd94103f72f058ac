package org.keygate.capif.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The members of a CCF's or an AEF's file that a reload cannot change (issue 18, docs/CAPIF.md "Reload"): what their
 * listeners, state, CA and CAPIF-3 connection were built with at start. A reload changing one is refused naming it,
 * its new and its running value, so the operator knows a restart is needed. (The IMS daemons have their own in
 * keygate-ims, which keygate-capif does not use; one for every daemon belongs in keygate-sbi's {@code config}.)
 */
final class RestartOnly {
    private final Path file;
    private final String daemon;

    RestartOnly(Path file, String daemon) {
        this.file = file;
        this.daemon = daemon;
    }

    RestartOnly same(String member, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            throw new CapifConfigException(file + ": " + member + ": " + text(next) + " (running: " + text(running)
                    + ") (expected: unchanged by a reload; restart the " + daemon + " to apply it)");
        }
        return this;
    }

    /** An address as the file writes it ({@code host:port}), anything else as it prints. */
    private static String text(Object value) {
        return value instanceof java.net.InetSocketAddress a ? a.getHostString() + ":" + a.getPort()
                : String.valueOf(value);
    }
}
