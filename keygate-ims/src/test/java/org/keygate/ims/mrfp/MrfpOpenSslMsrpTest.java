package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.msrp.Continuation;
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpEncoder;
import org.keygate.ims.msrp.MsrpHeader;
import org.keygate.ims.msrp.MsrpIdents;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.ims.testing.PeerProcess;
import org.keygate.tls.bc.ExternalPsk;

/**
 * Issue 6 "What must hold": {@code openssl s_client -psk <TEK hex> -psk_identity <id> -tls1_2} acting as a UE sends an
 * MSRP SEND through the MRFP to another UE (a second s_client); with a wrong key the TLS handshake fails, the MRFP
 * reports TLS_FAILURE and nothing reaches the other UE.
 */
class MrfpOpenSslMsrpTest {
    private static final HexFormat HEX = HexFormat.of();
    private Mrfp mrfp;
    private MrfpConference conference;
    private ReservedTermination aliceStream;
    private ReservedTermination bobStream;
    private final byte[] aliceTek = random(16);
    private final byte[] bobTek = random(16);
    private final MsrpUri alicePath = MsrpUri.secure("127.0.0.1:9", "aliceUE1");
    private final MsrpUri bobPath = MsrpUri.secure("127.0.0.1:9", "bobUE1");

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    @BeforeEach
    void start() {
        PeerProcess.require("openssl", "openssl");
        mrfp = new Mrfp("127.0.0.1");
        conference = mrfp.createConference(1, Set.of(1));
        aliceStream = mrfp.reserve(conference.id(), MediaKind.MSRP);
        bobStream = mrfp.reserve(conference.id(), MediaKind.MSRP);
        // the MRFP answered a=setup:passive, so it is TCP server and (RFC 6135) TLS server
        mrfp.configure(aliceStream.terminationId(), new TerminationConfig(ConnectionRole.SERVER, ConnectionRole.SERVER,
                new ExternalPsk("alice-tek-id", SecretBytes.copyOf(aliceTek)), Optional.empty(), Optional.of(alicePath), Optional.empty()));
        mrfp.configure(bobStream.terminationId(), new TerminationConfig(ConnectionRole.SERVER, ConnectionRole.SERVER,
                new ExternalPsk("bob-tek-id", SecretBytes.copyOf(bobTek)), Optional.empty(), Optional.of(bobPath), Optional.empty()));
    }

    @AfterEach
    void stop() {
        mrfp.close();
    }

    private static PeerProcess sClient(int port, String identity, byte[] key) throws Exception {
        return PeerProcess.start(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_2",
                "-psk", HEX.formatHex(key), "-psk_identity", identity, "-cipher", "PSK-AES128-GCM-SHA256", "-quiet"),
                new MsrpDecoder(MsrpLimits.DEFAULT), false);
    }

    private static MsrpRequest send(MsrpUri to, MsrpUri from, String messageId, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(to), List.of(from),
                List.of(new MsrpHeader("Message-ID", messageId), new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length)),
                body.length == 0 ? Optional.empty() : Optional.of("text/plain"), body, Continuation.END);
    }

    private boolean tlsEvent(ReservedTermination t, MrfpEvent.Type type) throws InterruptedException {
        return mrfp.events().await(e -> e.terminationId().equals(t.terminationId()) && e.type() == type,
                Duration.ofSeconds(15)).isPresent();
    }

    @Test
    void opensslUeSendsAChatMessageThroughTheMrfpToAnotherOpensslUe() throws Exception {
        MsrpUri relayForAlice = MsrpUri.parse(aliceStream.msrpPath());
        MsrpUri relayForBob = MsrpUri.parse(bobStream.msrpPath());
        try (PeerProcess bob = sClient(bobStream.port(), "bob-tek-id", bobTek);
                PeerProcess alice = sClient(aliceStream.port(), "alice-tek-id", aliceTek)) {
            bob.write(MsrpEncoder.encode(send(relayForBob, bobPath, "bobBind1", "")));
            assertThat(((MsrpResponse) bob.next(15_000)).status()).isEqualTo(200);
            alice.write(MsrpEncoder.encode(send(relayForAlice, alicePath, "aliceBind1", "")));
            assertThat(((MsrpResponse) alice.next(15_000)).status()).isEqualTo(200);

            MsrpRequest chat = send(relayForAlice, alicePath, "chatMsg01", "Hello Bob, over TLS-PSK");
            alice.write(MsrpEncoder.encode(chat));
            MsrpResponse ok = (MsrpResponse) alice.next(15_000);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.transactionId()).isEqualTo(chat.transactionId());

            MsrpRequest relayed = (MsrpRequest) bob.next(15_000);
            assertThat(relayed.method()).isEqualTo("SEND");
            assertThat(relayed.toPath()).containsExactly(bobPath);
            assertThat(relayed.fromPath()).containsExactly(relayForBob);
            assertThat(relayed.header("Message-ID")).contains("chatMsg01");
            assertThat(new String(relayed.body(), StandardCharsets.UTF_8)).isEqualTo("Hello Bob, over TLS-PSK");
            bob.write(MsrpEncoder.encode(MsrpResponse.to(relayed, org.keygate.ims.msrp.MsrpStatus.OK)));
        }
        assertThat(tlsEvent(aliceStream, MrfpEvent.Type.TLS_ESTABLISHED)).isTrue();
        // s_client killed: the connection is gone and the MRFP frees the stream and says so
        assertThat(tlsEvent(aliceStream, MrfpEvent.Type.TLS_RELEASED)).isTrue();
    }

    @Test
    void aWrongKeyFailsTheHandshakeAndNothingIsRelayed() throws Exception {
        MsrpUri relayForBob = MsrpUri.parse(bobStream.msrpPath());
        MsrpUri relayForAlice = MsrpUri.parse(aliceStream.msrpPath());
        byte[] wrong = aliceTek.clone();
        wrong[0] ^= 1;
        try (PeerProcess bob = sClient(bobStream.port(), "bob-tek-id", bobTek);
                PeerProcess alice = sClient(aliceStream.port(), "alice-tek-id", wrong)) {
            bob.write(MsrpEncoder.encode(send(relayForBob, bobPath, "bobBind1", "")));
            assertThat(((MsrpResponse) bob.next(15_000)).status()).isEqualTo(200);
            try {
                alice.write(MsrpEncoder.encode(send(relayForAlice, alicePath, "chatMsg01", "should never arrive")));
            } catch (java.io.IOException alreadyGone) {
                // s_client may have exited on the handshake failure before it read its stdin
            }
            assertThat(tlsEvent(aliceStream, MrfpEvent.Type.TLS_FAILURE)).isTrue();
            assertThat(alice.exited(15_000)).as("s_client gives up after the failed handshake").isTrue();
            assertThat(alice.next(1_000)).isNull();
            assertThat(bob.next(2_000)).isNull();
        }
        assertThat(conference.chat().connected(aliceStream.terminationId())).isFalse();
    }

    @Test
    void anotherStreamsKeyDoesNotOpenThisStream() throws Exception {
        // bob's valid PSK offered on alice's port: the listener knows only alice's identity (unknown_psk_identity)
        try (PeerProcess intruder = sClient(aliceStream.port(), "bob-tek-id", bobTek)) {
            assertThat(intruder.exited(15_000)).isTrue();
        }
        assertThat(mrfp.events().await(e -> e.terminationId().equals(aliceStream.terminationId())
                && e.type() == MrfpEvent.Type.TLS_FAILURE, Duration.ofSeconds(15)).orElseThrow().detail())
                .contains("unknown_psk_identity");
    }
}
