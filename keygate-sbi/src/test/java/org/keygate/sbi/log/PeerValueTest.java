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

    @Test
    void subscriberAndEquipmentIdentitiesInAPathAreMaskedAndTheQueryDropped() {
        assertThat(PeerValue.path("/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data"))
                .isEqualTo("/nudm-ueau/v1/imsi-***/security-information/generate-auth-data");
        assertThat(PeerValue.path("/nudm-ueau/v1/suci-0-001-01-0000-0-0-0123456789/security-information"))
                .isEqualTo("/nudm-ueau/v1/suci-***/security-information");
        assertThat(PeerValue.path("/nudm-sdm/v2/msisdn-491711234567/am?supported-features=imsi-001010000000001"))
                .isEqualTo("/nudm-sdm/v2/msisdn-***/am");
        assertThat(PeerValue.path("/x/nai-user@example.com/y/imei-490154203237518/z/imeisv-4901542032375181/"
                + "extid-a@b/MAC-00-11-22-33-44-55")).isEqualTo("/x/nai-***/y/imei-***/z/imeisv-***/extid-***/MAC-***");
        assertThat(PeerValue.path("/n32c-handshake/v1/exchange-params")).isEqualTo("/n32c-handshake/v1/exchange-params");
        assertThat(PeerValue.path("/a\nb")).isEqualTo("/a\\nb");
    }
}
