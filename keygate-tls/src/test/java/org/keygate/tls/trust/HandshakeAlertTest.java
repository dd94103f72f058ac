package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.testing.EnginePump;

/**
 * The refusal travels as a fatal TLS alert (RFC 8446 6.2, RFC 5246 7.2.2). Two SSLEngines pumped into each other in
 * memory, so that the refused peer always reads the alert (over sockets it may instead meet a reset while it is
 * still writing its own flight).
 */
class HandshakeAlertTest {

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aServerRefusingTheClientCertificateSendsAFatalAlert(String protocol) throws Exception {
        LabCa homeCa = TestPki.ca("home");
        MutualTls home = MutualTls.builder().keyMaterial(TestPki.sepp(homeCa, TestPki.HOME))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.VISITED, TestPki.ca("visited").certificate())
                        .build()).protocols(List.of(protocol)).build();
        MutualTls rogue = MutualTls.builder().keyMaterial(TestPki.sepp(TestPki.ca("rogue"), TestPki.VISITED))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.HOME, homeCa.certificate()).build())
                .protocols(List.of(protocol)).build();

        SSLEngine server = home.sslContext().createSSLEngine();
        server.setUseClientMode(false);
        server.setSSLParameters(home.serverParameters());
        SSLEngine client = rogue.sslContext().createSSLEngine(TestPki.HOME.seppFqdn(), 443);
        client.setUseClientMode(true);
        client.setSSLParameters(rogue.clientParameters(TestPki.HOME.seppFqdn()));

        SSLException[] errors = EnginePump.pump(client, server);
        assertThat(errors[1]).as("server").isNotNull()
                .hasStackTraceContaining("does not validate against the anchor of its PLMN");
        assertThat(errors[0]).as("client").isNotNull()
                .hasMessageContaining("Received fatal alert: certificate_unknown");
    }
}
