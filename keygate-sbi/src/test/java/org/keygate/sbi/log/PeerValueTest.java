package org.keygate.sbi.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerValueTest {
    @Test
    void aForgedLineStaysOnTheLineOfItsCaller() {
        String forged = "1\n2026-01-01T00:00:00.000Z ERROR o.k.s.n32c.N32cService - forged\r\n";
        assertThat(PeerValue.of(forged))
                .isEqualTo("1\\n2026-01-01T00:00:00.000Z ERROR o.k.s.n32c.N32cService - forged\\r\\n");
    }

    @Test
    void otherControlCharactersAndLineSeparatorsAreEscaped() {
        assertThat(PeerValue.of("a\u0000b\u001bc\u007fd\u0085e\u2028f\tg\\h")).isEqualTo(
                "a\\u0000b\\u001bc\\u007fd\\u0085e\\u2028f\\tg\\\\h");
        assertThat(PeerValue.of("imsi-001010000000001 é 漢")).isEqualTo("imsi-001010000000001 é 漢");
        assertThat(PeerValue.of(null)).isEqualTo("null");
    }

    @Test
    void aLongValueIsCutWithTheCountOfWhatWasLeftOut() {
        String v = PeerValue.of("x".repeat(30_000));
        assertThat(v).isEqualTo("x".repeat(200) + "...(29800 more chars)");
    }
}
