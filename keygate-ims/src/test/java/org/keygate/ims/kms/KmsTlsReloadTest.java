package org.keygate.ims.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.ims.mikey.ticket.TicketLab;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/**
 * A reload of the KMS's {@code tls} block (issue 18, docs/IMS.md "Reload") on a running listener: after
 * {@link KmsTls.Reloadable#reload} with a certificate and anchor of a new CA, a user under the new CA is served and
 * one under the old CA is refused by TLS; a reload that cannot be built changes nothing.
 */
class KmsTlsReloadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TicketLab lab = new TicketLab();
    private KmsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void handshakesAfterTheReloadUseTheNewCertificateAndAnchors() throws Exception {
        LabCa oldCa = LabCa.create("old IMS CA", Duration.ofDays(1));
        LabCa newCa = LabCa.create("new IMS CA", Duration.ofDays(1));
        KmsTls.Reloadable tls = KmsTls.reloadable(material(oldCa, "kms.ims.example.org"), List.of(oldCa.certificate()));
        server = KmsServer.start(lab.kms, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls.context(),
                KmsTls.serverParameters(tls.context()));

        assertThat(ticketWith(oldCa)).as("a user of the old CA before the reload").isTrue();
        assertThat(ticketWith(newCa)).as("a user of the new CA before the reload").isFalse();

        assertThatThrownBy(() -> tls.reload(material(newCa, "kms.ims.example.org"), List.of()))
                .as("a reload without anchors").isInstanceOf(IllegalArgumentException.class);
        assertThat(ticketWith(oldCa)).as("the refused reload changed nothing").isTrue();

        tls.reload(material(newCa, "kms.ims.example.org"), List.of(newCa.certificate()));
        assertThat(ticketWith(newCa)).as("a user of the new CA after the reload").isTrue();
        assertThat(ticketWith(oldCa)).as("a user of the old CA after the reload").isFalse();
    }

    /** A new connection as the MRFC, its certificate from {@code ca}, trusting {@code ca} for the KMS's. */
    private boolean ticketWith(LabCa ca) throws Exception {
        SSLContext client = KmsTls.context(material(ca, "mrfc.ims.example.org"), List.of(ca.certificate()));
        try (KmsClient c = KmsClient.connect(server.localAddress(), "kms.ims.example.org", client, TIMEOUT, lab.clock,
                TicketLab.SKEW, lab.random)) {
            return c.requestTicket(lab.mrfc, lab.termsFor(TicketLab.ALICE)).get(30, TimeUnit.SECONDS).ticket() != null;
        } catch (Exception e) {
            // TLS refused: at connect, or (TLS 1.3, client certificate checked after the client's Finished) at the
            // first request; never a MIKEY answer
            assertThat(e).isNotInstanceOf(org.keygate.ims.mikey.MikeyException.class);
            assertThat(e.getCause()).isNotInstanceOf(org.keygate.ims.mikey.MikeyException.class);
            return false;
        }
    }

    private static TlsKeyMaterial material(LabCa ca, String name) throws Exception {
        LabCa.Issued own = ca.issue(List.of(name), List.of(InetAddress.getLoopbackAddress()));
        return new TlsKeyMaterial(own.keyPair().getPrivate(), List.of(own.certificate()));
    }
}
