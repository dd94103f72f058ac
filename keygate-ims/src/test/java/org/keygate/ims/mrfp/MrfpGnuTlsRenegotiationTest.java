package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.ims.testing.PeerProcess;
import org.keygate.tls.bc.ExternalPsk;

/**
 * Issue 6 "What must hold" (TS 23.333 5.20.2, TS 33.310 Annex E): the MRFP accepts a renegotiation only under RFC 5746.
 * It requires RFC 5746 from the first handshake ({@link MrfpTls#REQUIRE_SECURE_RENEGOTIATION}): gnutls-cli with
 * {@code %DISABLE_SAFE_RENEGOTIATION} (no renegotiation_info, no SCSV) trying {@code --rehandshake} is refused with
 * handshake_failure before it can renegotiate; gnutls-cli with RFC 5746 connects. (Whether a secure renegotiation then
 * completes is Bouncy Castle's choice: 1.84 refuses it on PSK-only connections, see {@link MrfpTls}.)
 */
class MrfpGnuTlsRenegotiationTest {
    private static final String PRIORITY = "NORMAL:-KX-ALL:+PSK:-VERS-ALL:+VERS-TLS1.2";
    private Mrfp mrfp;
    private ReservedTermination stream;
    private final byte[] tek = new byte[16];

    @BeforeEach
    void start() {
        PeerProcess.require("gnutls-cli", "gnutls-bin");
        new SecureRandom().nextBytes(tek);
        mrfp = new Mrfp("127.0.0.1");
        MrfpConference conference = mrfp.createConference(1, Set.of(1));
        stream = mrfp.reserve(conference.id(), MediaKind.MSRP);
        mrfp.configure(stream.terminationId(), new TerminationConfig(ConnectionRole.SERVER, ConnectionRole.SERVER,
                new ExternalPsk("ue-tek-id", SecretBytes.copyOf(tek)), Optional.empty(),
                Optional.of(MsrpUri.secure("127.0.0.1:9", "ue1")), Optional.empty()));
    }

    @AfterEach
    void stop() {
        mrfp.close();
    }

    /** Runs gnutls-cli; with {@code rehandshake} it renegotiates at once, else it just connects; stdin closed. */
    private String gnutls(String priority, boolean rehandshake) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("gnutls-cli", "-p", Integer.toString(stream.port()),
                "--pskusername", "ue-tek-id", "--pskkey", HexFormat.of().formatHex(tek), "--priority", priority));
        if (rehandshake) {
            command.add("--rehandshake");
        }
        command.add("127.0.0.1");
        try (PeerProcess cli = PeerProcess.start(command, new MsrpDecoder(MsrpLimits.DEFAULT), true)) {
            cli.closeStdin();
            String out = cli.outputUntilExit(20_000);
            assertThat(cli.exited(5_000)).as("gnutls-cli finished; output:%n%s", out).isTrue();
            return out;
        }
    }

    @Test
    void aPeerWithRfc5746IsAccepted() throws Exception {
        String out = gnutls(PRIORITY, false);
        assertThat(out).contains("- Handshake was completed").containsPattern("Options:.*safe renegotiation");
        assertThat(mrfp.events().await(e -> e.type() == MrfpEvent.Type.TLS_ESTABLISHED, Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void aPeerWithRfc5746MayRenegotiate() throws Exception {
        String out = gnutls(PRIORITY, true);
        assertThat(out).contains("- Handshake was completed").contains("ReHandshake was completed");
    }

    @Test
    void aPeerThatWouldRenegotiateWithoutRfc5746IsRefused() throws Exception {
        String out = gnutls(PRIORITY + ":%DISABLE_SAFE_RENEGOTIATION", true);
        assertThat(out).doesNotContain("- Handshake was completed").doesNotContain("ReHandshake was completed");
        MrfpEvent failure = mrfp.events().await(e -> e.type() == MrfpEvent.Type.TLS_FAILURE, Duration.ofSeconds(5)).orElseThrow();
        assertThat(failure.detail()).contains("handshake_failure");
        assertThat(mrfp.events().after(0)).noneMatch(e -> e.type() == MrfpEvent.Type.TLS_ESTABLISHED);
    }
}
