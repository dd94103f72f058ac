package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.Version;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.tls.bc.TlsVersion;

/**
 * Issue 20 item 1: the AEF asks the CCF for AEFPSK at every CAPIF-2e handshake (TS 33.122 6.5.2.1 step 4) over one
 * kept CAPIF-3 connection, not one per handshake; with the CCF away, handshakes are refused with
 * unknown_psk_identity; once it is back, they succeed again without restarting the AEF. The AEF reaches the CCF
 * through a relay that counts the TCP connections it accepts.
 */
class CcfKeptConnectionTest {
    private static final String REG_SEC = "kept-connection-registration-secret";
    private static final int HANDSHAKES = 6;

    @Test
    void handshakesShareOneConnectionToTheCcfAndSurviveItsRestart() throws Exception {
        CcfCertificateAuthority ca = CcfCertificateAuthority.create("keygate kept-connection CCF", Duration.ofDays(1),
                Clock.systemUTC());
        try (MvCapifStore store = MvCapifStore.inMemory(); NotificationSink sink = new NotificationSink()) {
            CapifCoreFunction ccf = startCcf(store, ca, 0);
            int ccfPort = ccf.localAddress().getPort();
            CcfEndpoint direct = new CcfEndpoint(ccf.localAddress(), "localhost", ca.certificate());
            try (CountingTcpRelay relay = new CountingTcpRelay(ccf.localAddress())) {
                ProviderDomain domain = ProviderDomain.register(direct, REG_SEC, "localhost");
                CcfEndpoint viaRelay = new CcfEndpoint(relay.address(), "localhost", ca.certificate());
                try (ApiExposingFunction aef = new ApiExposingFunction(domain.aef(), viaRelay, "127.0.0.1", "/nef-demo")
                        .start(0, 0)) {
                    ServiceAPIDescription published = domain.publish(direct, new ServiceAPIDescription("nef-demo",
                            null, List.of(new AefProfile(domain.aef().id(), List.of(new Version("v1", null,
                                    List.of(new Resource("hello", "REQUEST_RESPONSE", "/hello", List.of("GET"))))),
                                    "HTTP_1_1", "JSON", null, null, List.of(aef.interfaceDescription()))),
                            "sample northbound API", null, "demo", null, null));
                    aef.serve(published.apiId(), "nef-demo");
                    AefInterfaceId iface = aef.interfaceDescription().aefInterfaceId();
                    try (ApiInvoker inv = ApiInvoker.onboard(direct, sink.uri(), "kept")) {
                        inv.requestSecurity(List.of(new SecurityInformation(aef.interfaceDescription(), null, null,
                                List.of(SecurityMethod.PSK), null, null, null)));
                        assertThat(relay.accepted()).isZero();

                        for (int i = 0; i < HANDSHAKES; i++) {
                            TlsVersion v = i % 2 == 0 ? TlsVersion.TLS_1_2 : TlsVersion.TLS_1_3;
                            assertThat(inv.callWithPsk(iface, "/hello", v).status()).isEqualTo(200);
                        }
                        // One connection for all the lookups (before: one per handshake, HANDSHAKES of them).
                        assertThat(relay.accepted()).isEqualTo(1);

                        ccf.close();
                        // No answer from the CCF, no AEFPSK: the handshake ends with the RFC 4279 2 alert.
                        for (int i = 0; i < 2; i++) {
                            assertThatThrownBy(() -> inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2))
                                    .isInstanceOf(CapifCallException.class)
                                    .hasMessageContaining("unknown_psk_identity");
                        }

                        ccf = startCcf(store, ca, ccfPort);
                        // AEFPSKs live in the CCF's memory only (AefPskKeys): after its restart the invoker asks
                        // again, on a new CAPIF-1e session.
                        inv.requestSecurity(List.of(new SecurityInformation(aef.interfaceDescription(), null, null,
                                List.of(SecurityMethod.PSK), null, null, null)));
                        int status = 0;
                        for (int attempt = 0; attempt < 100 && status != 200; attempt++) {
                            try {
                                status = inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status();
                            } catch (CapifCallException e) {
                                Thread.sleep(100); // the AEF waits out its reconnection backoff
                            }
                        }
                        assertThat(status).as("a handshake after the CCF's return, same AEF").isEqualTo(200);
                        int afterReturn = relay.accepted();
                        for (int i = 0; i < HANDSHAKES; i++) {
                            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_3).status()).isEqualTo(200);
                        }
                        assertThat(relay.accepted()).isEqualTo(afterReturn);
                    }
                }
            } finally {
                ccf.close();
            }
        }
    }

    private static CapifCoreFunction startCcf(MvCapifStore store, CcfCertificateAuthority ca, int port)
            throws Exception {
        return CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", port)).store(store).ca(ca)
                .registrationSecret(REG_SEC).build().start();
    }
}
