package org.keygate.sbi.config;

/** What became of a reload of a SEPP's or an IPX node's configuration (issue 18, docs/OPERATIONS.md "Reload"). */
public sealed interface ReloadOutcome {
    /** One line for logs and for {@code keygate sepp reload}. */
    String message();

    /** The new configuration runs; {@code message} says what it changed. */
    record Applied(String message) implements ReloadOutcome {}

    /**
     * The new file was refused (invalid, or it changes what only a restart can): {@code message} names the member and
     * its value; the running configuration goes on unchanged.
     */
    record Refused(String message) implements ReloadOutcome {}
}
