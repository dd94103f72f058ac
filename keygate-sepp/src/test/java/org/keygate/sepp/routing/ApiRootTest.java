package org.keygate.sepp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code 3gpp-Sbi-Target-apiRoot} grammar of TS 29.500 5.2.3.2.4. */
class ApiRootTest {
    @Test
    void parsesSchemeHostPortAndPrefix() {
        ApiRoot r = ApiRoot.parse(" https://UDM.5gc.mnc001.mcc001.3gppnetwork.org:8443/a/b/ ").orElseThrow();
        assertThat(r.scheme()).isEqualTo("https");
        assertThat(r.host()).isEqualTo("udm.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(r.port()).isEqualTo(8443);
        assertThat(r.prefix()).isEqualTo("/a/b");
        assertThat(r.authority()).isEqualTo("udm.5gc.mnc001.mcc001.3gppnetwork.org:8443");
        assertThat(ApiRoot.parse("http://[2001:db8::1]:80").orElseThrow().hostIsName()).isFalse();
        assertThat(ApiRoot.parse("http://10.0.0.1").orElseThrow().port()).isEqualTo(-1);
    }

    @Test
    void refusesWhatTheGrammarDoesNotAllow() {
        for (String bad : new String[] {"", "udm.example.org", "ftp://udm.example.org", "https://", "https://a..b",
                "https://user@udm.example.org", "https://udm.example.org:0", "https://udm.example.org:70000",
                "https://udm.example.org/a?b=c", "https://udm.example.org/#f", "https://udm exa.org",
                "https://-udm.example.org", "https://udm.example.org:8a", "https://" + "a".repeat(64) + ".org",
                "https://udm.example.org/" + "p".repeat(1100)}) {
            assertThat(ApiRoot.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ApiRoot.parse(null)).isEmpty();
    }
}
