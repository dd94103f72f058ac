package org.keygate.ims.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.ims.mikey.ReplayJournal;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.TicketLab;
import org.keygate.sbi.server.ServerDrain;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/**
 * The KMS's draining stop (issue 18, docs/IMS.md "Stopping"): a Ticket Request in progress when the stop begins (held
 * inside the KMS while its replay entry is committed, which happens before every answer) is answered with its ticket,
 * while the stopping KMS takes no new connection.
 */
class KmsDrainOnStopTest {
    private final CountDownLatch atTheJournal = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private KmsServer server;
    private KmsClient client;

    @AfterEach
    void stop() {
        release.countDown();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTicketRequestInProgressAtTheStopIsAnswered() throws Exception {
        TicketLab lab = new TicketLab(new HoldingJournal());
        LabCa ca = LabCa.create("keygate IMS lab CA", Duration.ofDays(1));
        SSLContext kmsTls = context(ca, "kms.ims.example.org");
        server = KmsServer.start(lab.kms, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), kmsTls,
                KmsTls.serverParameters(kmsTls));
        client = KmsClient.connect(server.localAddress(), "kms.ims.example.org", context(ca, "mrfc.ims.example.org"),
                Duration.ofSeconds(30), lab.clock, TicketLab.SKEW, lab.random);
        CompletableFuture<IssuedTicket> ticket = client.requestTicket(lab.mrfc, lab.termsFor(TicketLab.ALICE));
        assertThat(atTheJournal.await(30, TimeUnit.SECONDS)).as("the request reached the KMS").isTrue();

        CompletableFuture<ServerDrain.Outcome> drained = CompletableFuture.supplyAsync(
                () -> server.drain("KMS " + TicketLab.KMS, Duration.ofSeconds(60)));
        InetSocketAddress kms = server.localAddress();
        for (int i = 0; i < 300 && accepts(kms); i++) {
            Thread.sleep(10);
        }
        assertThat(accepts(kms)).as("the stopping KMS takes no new connection").isFalse();
        assertThat(drained).as("the stop waits for the request taken").isNotDone();

        release.countDown();
        IssuedTicket issued = ticket.get(30, TimeUnit.SECONDS);
        assertThat(issued.ticket()).as("the ticket of the request in progress at the stop").isNotNull();
        ServerDrain.Outcome outcome = drained.get(30, TimeUnit.SECONDS);
        assertThat(outcome.inProgressAtStart()).isEqualTo(1);
        assertThat(outcome.leftAtTimeout()).isZero();
    }

    /** Holds the first commit until released, as a slow disk would. */
    private final class HoldingJournal implements ReplayJournal {
        @Override
        public Map<String, Instant> entries() {
            return Map.of();
        }

        @Override
        public void added(String digest, Instant expiry) {
            atTheJournal.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void removed(String digest) {
        }
    }

    private static boolean accepts(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static SSLContext context(LabCa ca, String name) throws Exception {
        LabCa.Issued own = ca.issue(List.of(name), List.of(InetAddress.getLoopbackAddress()));
        return KmsTls.context(new TlsKeyMaterial(own.keyPair().getPrivate(), List.of(own.certificate())),
                List.of(ca.certificate()));
    }
}
