package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.pki.LabCa;

/**
 * The refusal travels as a fatal TLS alert (RFC 8446 6.2, RFC 5246 7.2.2). Two SSLEngines pumped into each other in
 * memory, so that the refused peer always reads the alert (over sockets it may instead meet a reset while it is
 * still writing its own flight).
 */
class HandshakeAlertTest {
    private static final int MAX_ROUNDS = 100;

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

        SSLException[] errors = pump(client, server);
        assertThat(errors[1]).as("server").isNotNull()
                .hasStackTraceContaining("does not validate against the anchor of its PLMN");
        assertThat(errors[0]).as("client").isNotNull()
                .hasMessageContaining("Received fatal alert: certificate_unknown");
    }

    /** Runs both engines until each has failed or MAX_ROUNDS passed; returns {client error, server error}. */
    private static SSLException[] pump(SSLEngine client, SSLEngine server) {
        SSLEngine[] engines = {client, server};
        int size = client.getSession().getPacketBufferSize() * 4;
        ByteBuffer[] net = {ByteBuffer.allocate(size), ByteBuffer.allocate(size)};
        ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 4);
        SSLException[] errors = new SSLException[2];
        for (int round = 0; round < MAX_ROUNDS && (errors[0] == null || errors[1] == null); round++) {
            for (int k = 0; k < 2; k++) {
                SSLEngine e = engines[k];
                try {
                    e.wrap(ByteBuffer.allocate(0), net[k]);
                    runTasks(e);
                } catch (SSLException ex) {
                    record(errors, k, ex);
                }
                ByteBuffer in = net[1 - k];
                in.flip();
                try {
                    while (in.hasRemaining() && !e.isInboundDone()) {
                        int before = in.remaining();
                        e.unwrap(in, app);
                        runTasks(e);
                        app.clear();
                        if (in.remaining() == before) {
                            break;
                        }
                    }
                } catch (SSLException ex) {
                    record(errors, k, ex);
                } finally {
                    in.compact();
                }
            }
        }
        return errors;
    }

    private static void record(SSLException[] errors, int k, SSLException ex) {
        if (errors[k] == null) {
            errors[k] = ex;
        }
    }

    private static void runTasks(SSLEngine e) {
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            Runnable task = e.getDelegatedTask();
            if (task == null) {
                return;
            }
            task.run();
        }
    }
}
