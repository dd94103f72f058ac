package org.keygate.tls.plmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlmnIdTest {
    @Test
    void parsesAndPrintsMccMnc() {
        assertThat(PlmnId.parse("001-01")).isEqualTo(new PlmnId("001", "01"));
        assertThat(PlmnId.parse("310-410").toString()).isEqualTo("310-410");
        assertThatThrownBy(() -> PlmnId.parse("01-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlmnId("001", "1")).hasMessageContaining("mnc: 1");
    }

    @Test
    void seppFqdnPadsATwoDigitMnc() {
        // TS 23.003 28.2: a 2-digit MNC is written with a leading 0 in the mnc label.
        assertThat(PlmnId.parse("001-01").seppFqdn()).isEqualTo("sepp.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(PlmnId.parse("310-410").seppFqdn()).isEqualTo("sepp.5gc.mnc410.mcc310.3gppnetwork.org");
    }

    @Test
    void readsThePlmnBackFromAnFqdn() {
        assertThat(PlmnId.fromFqdn("SEPP.5GC.MNC099.MCC999.3GPPNETWORK.ORG")).contains(PlmnId.parse("999-99"));
        assertThat(PlmnId.fromFqdn("udm.5gc.mnc410.mcc310.3gppnetwork.org")).contains(PlmnId.parse("310-410"));
        assertThat(PlmnId.fromFqdn("sepp.example.org")).isEmpty();
        assertThat(PlmnId.fromFqdn("5gc.mnc01.mcc001.3gppnetwork.org")).isEmpty();
    }
}
