package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.msrp.Continuation;
import org.keygate.ims.msrp.MsrpHeader;
import org.keygate.ims.msrp.MsrpIdents;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.ims.mrfp.MrfpControlClient.MrfpControlException;
import org.keygate.ims.ue.UeMediaLink;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.bc.ExternalPsk;

/**
 * The MRFP's draining stop (issue 18, docs/IMS.md "Stopping"): once it began, the control API refuses new conferences
 * and streams with 503, while an established MSRP chat goes on (a SEND is relayed and answered) and the MRFC may still
 * release its streams, which ends the drain early; streams still held at the drain timeout end with TLS close_notify.
 */
class MrfpDrainOnStopTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Mrfp mrfp;
    private SbiServer api;
    private MrfpControlClient control;
    private String conference;
    private final MsrpUri alicePath = MsrpUri.secure("127.0.0.1:9", "aliceUE1");
    private final MsrpUri bobPath = MsrpUri.secure("127.0.0.1:9", "bobUE1");
    private ReservedTermination aliceStream;
    private ReservedTermination bobStream;
    private UeMediaLink alice;
    private UeMediaLink bob;

    @BeforeEach
    void chat() throws Exception {
        mrfp = new Mrfp(MrfpMediaSettings.ephemeral("127.0.0.1"), meters);
        api = SbiServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler(new MrfpControlApi(mrfp)).build().start();
        control = new MrfpControlClient(URI.create("http://127.0.0.1:" + api.localAddress().getPort()));
        conference = control.createConference(1, List.of(1));
        ExternalPsk alicePsk = psk("alice-tek");
        ExternalPsk bobPsk = psk("bob-tek");
        aliceStream = control.reserve(conference, MediaKind.MSRP);
        bobStream = control.reserve(conference, MediaKind.MSRP);
        control.configure(aliceStream.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER, alicePsk,
                null, null, alicePath.toString(), null);
        control.configure(bobStream.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER, bobPsk,
                null, null, bobPath.toString(), null);
        alice = bound(aliceStream, alicePsk, alicePath);
        bob = bound(bobStream, bobPsk, bobPath);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, api, mrfp}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing what the test started
            }
        }
    }

    @Test
    void anEstablishedChatGoesOnDuringTheDrainAndItsReleaseEndsIt() throws Exception {
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> mrfp.drain(Duration.ofMinutes(2)));

        // The drain has begun once a new stream is refused (503, TS 29.500 NF_CONGESTION).
        MrfpControlException refused = null;
        for (int i = 0; i < 500 && refused == null; i++) {
            try {
                control.release(control.reserve(conference, MediaKind.MSRP).terminationId());
                Thread.sleep(10);
            } catch (MrfpControlException e) {
                refused = e;
            }
        }
        assertThat(refused).as("a stream reserved during the drain").isNotNull();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.getMessage()).contains("stopping");
        assertThatThrownBy(() -> control.createConference(2, List.of(1))).isInstanceOf(MrfpControlException.class)
                .satisfies(e -> assertThat(((MrfpControlException) e).status()).isEqualTo(503));

        // The established session carries a message during the drain: relayed to Bob, 200 back to Alice.
        alice.send(send(MsrpUri.parse(aliceStream.msrpPath()), alicePath, "during-drain", "still here"));
        assertThat(((MsrpResponse) alice.next(WAIT)).status()).isEqualTo(200);
        MsrpRequest atBob = (MsrpRequest) bob.next(WAIT);
        assertThat(atBob).as("the SEND relayed to Bob").isNotNull();
        assertThat(new String(atBob.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("still here");
        assertThat(drained).as("the drain waits for the streams held").isNotDone();

        // The MRFC releases both streams (the UEs' BYE): the drain ends without waiting for its timeout.
        control.release(aliceStream.terminationId());
        control.release(bobStream.terminationId());
        assertThat(drained.get(30, TimeUnit.SECONDS)).as("streams the timeout ended").isZero();
        assertThat(alice.awaitClosed(WAIT)).isTrue();
        assertThat(bob.awaitClosed(WAIT)).isTrue();
    }

    @Test
    void streamsStillHeldAtTheDrainTimeoutEndWithCloseNotify() throws Exception {
        assertThat(mrfp.drain(Duration.ofMillis(200))).as("streams the timeout ended").isEqualTo(2);
        assertThat(alice.awaitClosed(WAIT)).isTrue();
        assertThat(bob.awaitClosed(WAIT)).isTrue();
        assertThat(alice.closeNotifyReceived()).as("Alice's TLS session ended with close_notify").isTrue();
        assertThat(bob.closeNotifyReceived()).as("Bob's TLS session ended with close_notify").isTrue();
        assertThat(meters.get("keygate.ims.mrfp.terminations").gauge().value()).isZero();
    }

    /** A UE connected to its stream over TLS-PSK, its session bound by an empty SEND (RFC 4975 5.4). */
    private UeMediaLink bound(ReservedTermination stream, ExternalPsk psk, MsrpUri own) throws Exception {
        UeMediaLink ue = UeMediaLink.connect(new InetSocketAddress("127.0.0.1", stream.port()), MediaKind.MSRP,
                ConnectionRole.CLIENT, psk);
        ue.awaitTls(WAIT);
        ue.send(new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(MsrpUri.parse(stream.msrpPath())),
                List.of(own), List.of(new MsrpHeader("Message-ID", new MsrpIdents().next()),
                        new MsrpHeader("Byte-Range", "1-0/0")), Optional.empty(), new byte[0], Continuation.END));
        assertThat(((MsrpResponse) ue.next(WAIT)).status()).isEqualTo(200);
        return ue;
    }

    private static MsrpRequest send(MsrpUri to, MsrpUri from, String messageId, String text) {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(to), List.of(from),
                List.of(new MsrpHeader("Message-ID", messageId),
                        new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length)),
                Optional.of("text/plain"), body, Continuation.END);
    }

    private static ExternalPsk psk(String identity) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new ExternalPsk(identity, SecretBytes.copyOf(k));
    }
}
