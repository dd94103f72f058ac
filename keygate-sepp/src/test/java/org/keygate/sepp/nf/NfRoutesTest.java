package org.keygate.sepp.nf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 19, item 3: a homeNfs entry without a port matches its host on any port; one with a port, that port only. */
class NfRoutesTest {
    private static final NfRoute UDM = new NfRoute("udm.5gc.mnc001.mcc001.3gppnetwork.org",
            InetSocketAddress.createUnresolved("127.0.0.1", 8080));
    private static final NfRoute AUSF = new NfRoute("ausf.5gc.mnc001.mcc001.3gppnetwork.org:8443",
            InetSocketAddress.createUnresolved("127.0.0.1", 8081));
    private static final NfRoute AUSF_ANY = new NfRoute("ausf.5gc.mnc001.mcc001.3gppnetwork.org",
            InetSocketAddress.createUnresolved("127.0.0.1", 8082));
    private final NfRoutes routes = new NfRoutes(List.of(UDM, AUSF));

    @Test
    void anEntryWithoutAPortMatchesItsHostWithAnyPortOrNone() {
        assertThat(routes.route("udm.5gc.mnc001.mcc001.3gppnetwork.org")).contains(UDM);
        assertThat(routes.route("udm.5gc.mnc001.mcc001.3gppnetwork.org:8080")).contains(UDM); // as Open5GS writes it
        assertThat(routes.route("UDM.5gc.mnc001.mcc001.3gppnetwork.org:443")).contains(UDM);
    }

    @Test
    void anEntryWithAPortMatchesThatPortOnly() {
        assertThat(routes.route("ausf.5gc.mnc001.mcc001.3gppnetwork.org:8443")).contains(AUSF);
        assertThat(routes.route("ausf.5gc.mnc001.mcc001.3gppnetwork.org:8080")).isEmpty();
        assertThat(routes.route("ausf.5gc.mnc001.mcc001.3gppnetwork.org")).isEmpty();
    }

    @Test
    void theExactEntryWinsOverTheHostOnlyOne() {
        NfRoutes both = new NfRoutes(List.of(AUSF, AUSF_ANY));
        assertThat(both.route("ausf.5gc.mnc001.mcc001.3gppnetwork.org:8443")).contains(AUSF);
        assertThat(both.route("ausf.5gc.mnc001.mcc001.3gppnetwork.org:9000")).contains(AUSF_ANY);
    }

    @Test
    void whatIsNotAPortMatchesNothing() {
        assertThat(routes.route("udm.5gc.mnc001.mcc001.3gppnetwork.org:")).isEmpty();
        assertThat(routes.route("udm.5gc.mnc001.mcc001.3gppnetwork.org:80a")).isEmpty();
        assertThat(routes.route("other.example.org:8080")).isEmpty();
        assertThat(routes.route(null)).isEmpty();
    }
}
