package org.keygate.ims.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The members of a daemon's file that a reload cannot change (issue 18, docs/IMS.md "Reload"): what its listeners,
 * state and identity were built with. A reload that changes one is refused naming it, its new and its running value
 * (never a key: those are compared, not printed), so the operator knows a restart is needed.
 */
final class RestartOnly {
    private final Path file;
    private final String daemon;

    RestartOnly(Path file, String daemon) {
        this.file = file;
        this.daemon = daemon;
    }

    void same(String member, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            throw new ImsConfigException(file + ": " + member + ": " + text(next) + " (running: " + text(running)
                    + ") (expected: unchanged by a reload; restart the " + daemon + " to apply it)");
        }
    }

    /** An address as the file writes it ({@code host:port}), anything else as it prints. */
    private static String text(Object value) {
        return value instanceof java.net.InetSocketAddress a ? a.getHostString() + ":" + a.getPort()
                : String.valueOf(value);
    }

    /** A secret's member: whether it changed, never its value. */
    void sameSecret(String member, boolean equal) {
        if (!equal) {
            throw new ImsConfigException(file + ": " + member + ": another key than the running one (expected: "
                    + "unchanged by a reload; restart the " + daemon + " to apply it)");
        }
    }
}
