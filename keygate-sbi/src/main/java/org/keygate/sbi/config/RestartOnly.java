package org.keygate.sbi.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * The members of a daemon's file that a reload cannot change (issue 18; docs/OPERATIONS.md "Reload without restart"):
 * what its listeners, state and identity were built with at start. A reload changing one is refused naming it, its
 * new and its running value (never a key's: those are compared, not printed), so the operator knows a restart is
 * needed. Each daemon gives the exception its configuration errors are reported with.
 */
public final class RestartOnly {
    private final Path file;
    private final String daemon;
    private final Function<String, ? extends RuntimeException> refusal;

    /** {@code daemon}: as the refusal names it ("restart the CCF ..."); {@code refusal}: its config exception. */
    public RestartOnly(Path file, String daemon, Function<String, ? extends RuntimeException> refusal) {
        this.file = file;
        this.daemon = daemon;
        this.refusal = refusal;
    }

    public RestartOnly same(String member, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            throw refusal.apply(file + ": " + member + ": " + text(next) + " (running: " + text(running) + ") ("
                    + expected() + ")");
        }
        return this;
    }

    /** A secret's member: whether it changed, never its value. */
    public RestartOnly sameSecret(String member, boolean equal) {
        if (!equal) {
            throw refusal.apply(file + ": " + member + ": another key than the running one (" + expected() + ")");
        }
        return this;
    }

    private String expected() {
        return "expected: unchanged by a reload; restart the " + daemon + " to apply it";
    }

    /** An address as the file writes it ({@code host:port}), anything else as it prints. */
    private static String text(Object value) {
        return value instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : String.valueOf(value);
    }
}
