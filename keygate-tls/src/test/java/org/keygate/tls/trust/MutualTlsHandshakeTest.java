package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;

/** Two MutualTls contexts over real sockets on loopback, TLS 1.2 and 1.3. */
class MutualTlsHandshakeTest {
    /** What each end saw: the PLMNs of the peer certificate, or the exception that ended its handshake. */
    record Outcome(String serverSaw, Exception serverError, String clientSaw, Exception clientError) {}

    private static MutualTls tls(TlsKeyMaterial own, String protocol, PlmnTrustAnchors anchors) {
        return MutualTls.builder().keyMaterial(own).trustAnchors(anchors).protocols(List.of(protocol)).build();
    }

    private static MutualTls tls(TlsKeyMaterial own, String protocol, PlmnId peerPlmn, LabCa peerCa) {
        return tls(own, protocol, PlmnTrustAnchors.builder().add(peerPlmn, peerCa.certificate()).build());
    }

    private static Outcome handshake(MutualTls server, MutualTls client, String dialled) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSSLParameters(server.serverParameters());
            CompletableFuture<Object> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    // Wait for the client's byte: under TLS 1.3 the client may refuse only after its Finished.
                    if (s.getInputStream().read() != 2) {
                        throw new IllegalStateException("the client did not answer");
                    }
                    return plmns(s);
                } catch (Exception e) {
                    return e;
                }
            });
            String clientSaw = null;
            Exception clientError = null;
            // The TLS socket's host is the dialled FQDN (the JDK's endpoint identification falls back to it), the
            // TCP connection goes to loopback.
            try (SSLSocket c = (SSLSocket) client.sslContext().getSocketFactory().createSocket(
                    new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()), dialled,
                    listener.getLocalPort(), true)) {
                c.setSoTimeout(10_000);
                c.setSSLParameters(client.clientParameters(dialled));
                c.startHandshake();
                // TLS 1.3 reports a refused client certificate after the client's handshake; read to see it.
                if (c.getInputStream().read() != 1) {
                    throw new IllegalStateException("the server did not answer");
                }
                c.getOutputStream().write(2);
                c.getOutputStream().flush();
                clientSaw = plmns(c);
            } catch (Exception e) {
                clientError = e;
            }
            Object s = serverSide.get(20, TimeUnit.SECONDS);
            return s instanceof Exception e ? new Outcome(null, e, clientSaw, clientError)
                    : new Outcome((String) s, null, clientSaw, clientError);
        }
    }

    private static String plmns(SSLSocket s) throws Exception {
        return PeerIdentity.of((X509Certificate) s.getSession().getPeerCertificates()[0]).plmnIds().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void trustedPeersCompleteTheHandshakeAndSeeEachOthersPlmn(String protocol) throws Exception {
        LabCa homeCa = TestPki.ca("home");
        LabCa visitedCa = TestPki.ca("visited");
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), protocol, TestPki.VISITED, visitedCa);
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), protocol, TestPki.HOME, homeCa);
        Outcome o = handshake(home, visited, TestPki.HOME.seppFqdn());
        assertThat(o.clientError()).isNull();
        assertThat(o.serverError()).isNull();
        assertThat(o.serverSaw()).isEqualTo("[999-99]");
        assertThat(o.clientSaw()).isEqualTo("[001-01]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aClientFromAnUntrustedRootIsRefused(String protocol) throws Exception {
        LabCa homeCa = TestPki.ca("home");
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), protocol, TestPki.VISITED, TestPki.ca("visited"));
        MutualTls rogue = tls(TestPki.sepp(TestPki.ca("rogue"), TestPki.VISITED), protocol, TestPki.HOME, homeCa);
        Outcome o = handshake(home, rogue, TestPki.HOME.seppFqdn());
        assertThat(o.serverError()).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("does not validate against the anchor of its PLMN");
        // The server's alert reaches the client, or a reset does if it was still writing its flight; the alert
        // itself is checked without that race in HandshakeAlertTest.
        assertThat(o.clientError()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aServerFromAnUntrustedRootIsRefusedByTheClient(String protocol) throws Exception {
        LabCa visitedCa = TestPki.ca("visited");
        MutualTls impostor = tls(TestPki.sepp(TestPki.ca("impostor"), TestPki.HOME), protocol, TestPki.VISITED,
                visitedCa);
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), protocol, TestPki.HOME, TestPki.ca("home"));
        Outcome o = handshake(impostor, visited, TestPki.HOME.seppFqdn());
        assertThat(o.clientError()).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("does not validate against the anchor of its PLMN");
        assertThat(o.serverError()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aClientWhosePlmnsMapToDifferentAnchorsIsRefused(String protocol) throws Exception {
        LabCa homeCa = TestPki.ca("home");
        LabCa visitedCa = TestPki.ca("visited");
        PlmnTrustAnchors anchors = PlmnTrustAnchors.builder().add(TestPki.VISITED, visitedCa.certificate())
                .add(PlmnId.parse("999-98"), TestPki.ca("other").certificate()).build();
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), protocol, anchors);
        MutualTls twoPlmns = tls(TestPki.sepp(visitedCa, TestPki.VISITED, PlmnId.parse("999-98")), protocol,
                TestPki.HOME, homeCa);
        Outcome o = handshake(home, twoPlmns, TestPki.HOME.seppFqdn());
        assertThat(o.serverError()).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("PLMN IDs 999-98, 999-99 that map to different trust anchors");
        assertThat(o.clientError()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aServerWhoseNameIsNotTheDialledOneIsRefused(String protocol) throws Exception {
        LabCa homeCa = TestPki.ca("home");
        LabCa visitedCa = TestPki.ca("visited");
        // The home certificate names only its SEPP FQDN; the JDK's endpoint identification (HTTPS) must refuse it.
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), protocol, TestPki.VISITED, visitedCa);
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), protocol, TestPki.HOME, homeCa);
        Outcome o = handshake(home, visited, "sepp.other.example.org");
        assertThat(o.clientError()).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("No subject alternative DNS name matching sepp.other.example.org");
        assertThat(o.serverError()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aSeppDiallingARoamingIntermediaryChecksItUnderTheIntermediarysCa(String protocol) throws Exception {
        LabCa visitedCa = TestPki.ca("visited");
        LabCa ipxCa = TestPki.ca("ipx");
        LabCa.Issued ipxCert = ipxCa.issue(List.of("ipx.example.org"), List.of());
        MutualTls ipx = tls(new TlsKeyMaterial(ipxCert.keyPair().getPrivate(),
                List.of(ipxCert.certificate(), ipxCa.certificate())), protocol, TestPki.VISITED, visitedCa);
        MutualTls visited = MutualTls.builder().keyMaterial(TestPki.sepp(visitedCa, TestPki.VISITED))
                .intermediaryAnchors(List.of(ipxCa.certificate())).protocols(List.of(protocol)).build();
        Outcome o = handshake(ipx, visited, "ipx.example.org");
        assertThat(o.clientError()).isNull();
        assertThat(o.serverError()).isNull();
        assertThat(o.serverSaw()).isEqualTo("[999-99]");
        assertThat(o.clientSaw()).isEqualTo("[]");
        // The same intermediary under a name other than the dialled one is refused (JDK endpoint identification).
        Outcome wrongName = handshake(ipx, visited, "ipx.other.example.org");
        assertThat(wrongName.clientError()).isInstanceOf(SSLException.class)
                .hasStackTraceContaining("No subject alternative DNS name matching ipx.other.example.org");
    }
}
