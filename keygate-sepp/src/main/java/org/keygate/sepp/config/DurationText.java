package org.keygate.sepp.config;

import java.time.Duration;

/** Durations as operators write them in YAML (keygate-sbi {@link org.keygate.sbi.config.DurationText}), named by field. */
final class DurationText {
    private DurationText() {}

    static Duration parse(String field, String text) {
        return org.keygate.sbi.config.DurationText.parse(text)
                .orElseThrow(() -> new ConfigException(field, text, org.keygate.sbi.config.DurationText.EXPECTED));
    }
}
