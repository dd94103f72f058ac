package org.keygate.sbi.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in the YAML files of every keygate daemon (SEPP, IPX, CCF, AEF): {@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT10S}). Each daemon's loader reports a text
 * that is none of these with its own member name and {@link #EXPECTED}.
 */
public final class DurationText {
    /** What a loader tells the operator a duration looks like. */
    public static final String EXPECTED = "a duration such as 500ms, 10s, 5m, 24h, 7d or PT10S";
    private static final Pattern SHORT = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

    private DurationText() {}

    /** The duration {@code text} writes, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
