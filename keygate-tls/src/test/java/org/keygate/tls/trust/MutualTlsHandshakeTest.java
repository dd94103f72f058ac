package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;

/** Two MutualTls contexts over real sockets on loopback. */
class MutualTlsHandshakeTest {
    private static MutualTls tls(TlsKeyMaterial own, PlmnId peerPlmn, LabCa peerCa) {
        return MutualTls.builder().keyMaterial(own)
                .trustAnchors(PlmnTrustAnchors.builder().add(peerPlmn, peerCa.certificate()).build()).build();
    }

    /** Runs one handshake; returns the PLMNs the server saw in the client certificate. */
    private static String handshake(MutualTls server, MutualTls client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSSLParameters(server.serverParameters());
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    s.getOutputStream().write(1);
                    var cert = (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0];
                    return PeerIdentity.of(cert).plmnIds().toString();
                } catch (Exception e) {
                    return "failed: " + e;
                }
            });
            try (SSLSocket c = (SSLSocket) client.sslContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                c.setSoTimeout(10_000);
                c.setSSLParameters(client.clientParameters(TestPki.HOME.seppFqdn()));
                c.startHandshake();
                // TLS 1.3 reports a refused client certificate after the client's handshake; read to see it.
                assertThat(c.getInputStream().read()).isEqualTo(1);
            }
            return seen.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void trustedPeersCompleteTheHandshakeBothWays() throws Exception {
        LabCa homeCa = TestPki.ca("home");
        LabCa visitedCa = TestPki.ca("visited");
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), TestPki.VISITED, visitedCa);
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), TestPki.HOME, homeCa);
        assertThat(handshake(home, visited)).isEqualTo("[999-99]");
    }

    @Test
    void aClientFromAnUntrustedRootIsRefusedWithAnAlert() throws Exception {
        LabCa homeCa = TestPki.ca("home");
        LabCa visitedCa = TestPki.ca("visited");
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), TestPki.VISITED, visitedCa);
        MutualTls rogue = tls(TestPki.sepp(TestPki.ca("rogue"), TestPki.VISITED), TestPki.HOME, homeCa);
        assertThatThrownBy(() -> handshake(home, rogue)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aServerWhoseNameIsNotTheDialledOneIsRefused() throws Exception {
        LabCa homeCa = TestPki.ca("home");
        LabCa visitedCa = TestPki.ca("visited");
        // The home certificate names only the SEPP FQDN, not "localhost", which the client dials.
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), TestPki.VISITED, visitedCa);
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), TestPki.HOME, homeCa);
        assertThatThrownBy(() -> {
            try (SSLServerSocket listener = (SSLServerSocket) home.sslContext().getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                listener.setSSLParameters(home.serverParameters());
                CompletableFuture.runAsync(() -> {
                    try (SSLSocket s = (SSLSocket) listener.accept()) {
                        s.startHandshake();
                    } catch (Exception ignored) {
                        // the client refuses
                    }
                });
                try (SSLSocket c = (SSLSocket) visited.sslContext().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                    c.setSSLParameters(visited.clientParameters("sepp.other.example.org"));
                    c.startHandshake();
                }
            }
        }).isInstanceOf(SSLHandshakeException.class);
    }
}
