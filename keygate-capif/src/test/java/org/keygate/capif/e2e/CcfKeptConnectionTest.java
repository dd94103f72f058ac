package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.keygate.capif.client.CapifCallException;
import org.keygate.tls.bc.TlsVersion;

/**
 * Issue 20 item 1: the AEF asks the CCF for AEFPSK at every CAPIF-2e handshake (TS 33.122 6.5.2.1 step 4) over one
 * kept CAPIF-3 connection, not one per handshake; with the CCF away, handshakes are refused with
 * unknown_psk_identity; once it is back, they succeed again without restarting the AEF. The AEF reaches the CCF
 * through a relay that counts the TCP connections it accepts.
 */
class CcfKeptConnectionTest {
    private static final int HANDSHAKES = 6;

    @Test
    void handshakesShareOneConnectionToTheCcfAndSurviveItsRestart() throws Exception {
        AtomicReference<CountingTcpRelay> relayRef = new AtomicReference<>();
        try (AefOnCcf lab = new AefOnCcf(ccf -> {
            try {
                relayRef.set(new CountingTcpRelay(ccf));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return relayRef.get().address();
        }); CountingTcpRelay relay = relayRef.get()) {
            assertThat(relay.accepted()).isZero();

            for (int i = 0; i < HANDSHAKES; i++) {
                assertThat(lab.handshake(i % 2 == 0 ? TlsVersion.TLS_1_2 : TlsVersion.TLS_1_3)).isEqualTo(200);
            }
            // One connection for all the lookups (before: one per handshake, HANDSHAKES of them).
            assertThat(relay.accepted()).isEqualTo(1);

            lab.stopCcf();
            // No answer from the CCF, no AEFPSK: the handshake ends with the RFC 4279 2 alert.
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> lab.handshake(TlsVersion.TLS_1_2)).isInstanceOf(CapifCallException.class)
                        .hasMessageContaining("unknown_psk_identity");
            }

            lab.restartCcf();
            // The same AEFPSK as before: the CCF restarted on its stateDir keeps it (AefPskFiles).
            int status = 0;
            for (int attempt = 0; attempt < 100 && status != 200; attempt++) {
                try {
                    status = lab.handshake(TlsVersion.TLS_1_2);
                } catch (CapifCallException e) {
                    Thread.sleep(100); // the AEF waits out its reconnection backoff
                }
            }
            assertThat(status).as("a handshake after the CCF's return, same AEF").isEqualTo(200);
            int afterReturn = relay.accepted();
            for (int i = 0; i < HANDSHAKES; i++) {
                assertThat(lab.handshake(TlsVersion.TLS_1_3)).isEqualTo(200);
            }
            assertThat(relay.accepted()).isEqualTo(afterReturn);
        }
    }
}
