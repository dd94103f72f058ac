package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.tls.testing.GrammarSamples;

/**
 * The plain host reader against java.net.URI, its oracle: on seeded edits of header values of every shape topology
 * hiding meets, wherever the reader gives a host, java.net.URI refuses the value, reads no host, or reads that host.
 */
class PlainUriHostTest {
    private static final List<String> SEEDS = List.of("http://udm.5gc.mnc001.mcc001.3gppnetwork.org",
            "https://ausf-7.site2.5gc.mnc001.mcc001.3gppnetwork.org:8443/nausf-auth/v1/ue-authentications/a%2Fb?x=1",
            "https://user:pw@nrf.example:443/p#frag", "http://[2001:db8::1]:80/x", "http://192.0.2.1:8080/y",
            "HTTPS://UDM.Example./z?q", "h2c+x.y://a-b.c/d", "http://a:b@c/", "https://host:/path");
    private static final String ALPHABET = "aZ09.-_~:/?#@[]%+ !,;=\u00e9";

    @Test
    void whereItReadsAHostJavaNetUriReadsTheSameOrNone() {
        List<String> samples = GrammarSamples.around(SEEDS, ALPHABET);
        List<String> disagreements = new ArrayList<>();
        int read = 0;
        for (String v : samples) {
            String plain = PlainUriHost.of(v);
            if (plain == null) {
                continue;
            }
            read++;
            String host;
            try {
                host = new URI(v).getHost();
            } catch (URISyntaxException e) {
                continue;
            }
            if (host != null && !host.equals(plain)) {
                disagreements.add(v + " -> " + plain + " (java.net.URI: " + host + ")");
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(read).as("samples read by the plain reader").isGreaterThan(5_000);
    }

    @Test
    void theUsualShapesAreReadAndTheOthersLeftToJavaNetUri() {
        assertThat(PlainUriHost.of("https://udm.example:8443/nudm-ueau/v1")).isEqualTo("udm.example");
        assertThat(PlainUriHost.of("http://UDM.example")).isEqualTo("UDM.example");
        assertThat(PlainUriHost.of("http://udm.example?x#y")).isEqualTo("udm.example");
        assertThat(PlainUriHost.of("http://a:b@c/")).isNull(); // user information: the host is c
        assertThat(PlainUriHost.of("http://[2001:db8::1]/")).isNull();
        assertThat(PlainUriHost.of("http://udm.example:80a/")).isNull();
        assertThat(PlainUriHost.of("/relative/path")).isNull();
        assertThat(PlainUriHost.of("1http://udm.example/")).isNull();
        assertThat(PlainUriHost.of("http:/udm.example/")).isNull();
        assertThat(PlainUriHost.of("http://%41.example/")).isNull();
    }
}
