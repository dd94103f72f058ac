package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.keygate.capif.client.CapifCallException;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.tls.bc.TlsVersion;

/**
 * Issue 20's CCF outage line: a CCF restarted on the same stateDir answers the AEF's lookup for a security context
 * made before the restart, so the invoker's AEFPSK opens CAPIF-2e sessions again without its requesting security
 * again. The keys are on disk owner-only, as a plain HMAC over the CAPIF-1e session computes them, and never with the
 * master secret; a rotation replaces the file, a revocation deletes it.
 */
class CcfRestartKeepsAefPskTest {
    /** The AEF's reconnection backoff is at most 2 s; the bound is 5 s. */
    private static final long RETURN_BOUND_MILLIS = 5000;

    @Test
    void theAefsLookupForAContextMadeBeforeARestartIsAnsweredAfterIt() throws Exception {
        try (AefOnCcf lab = new AefOnCcf(ccf -> ccf)) {
            AtomicReference<byte[]> master = new AtomicReference<>();
            AtomicReference<byte[]> sessionId = new AtomicReference<>();
            lab.invoker.observeCapif1eSessions(s -> {
                master.set(s.masterSecret().orElseThrow().toByteArray(InsecureSecretAccess.get()));
                sessionId.set(s.sessionId());
            });
            lab.requestSecurity();
            assertThat(lab.handshake(TlsVersion.TLS_1_2)).isEqualTo(200);

            Path dir = lab.stateDir.resolve("aefpsk");
            Path file = dir.resolve(lab.invoker.id() + ".json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly(lab.invoker.id() + ".json");
            }
            // TS 33.220 B.2.0 with the JCA's HMAC over the invoker's CAPIF-1e session: what the file must hold.
            byte[] p0 = ("127.0.0.1:" + lab.iface.port() + "/nef-demo").getBytes(StandardCharsets.UTF_8);
            ByteBuffer s = ByteBuffer.allocate(1 + p0.length + 2 + 32 + 2);
            s.put((byte) 0x7A).put(p0).putShort((short) p0.length).put(sessionId.get()).putShort((short) 32);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.get(), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(s.array()));
            JsonNode stored = new ObjectMapper().readTree(file.toFile());
            assertThat(stored.at("/apiInvokerId").asText()).isEqualTo(lab.invoker.id());
            assertThat(stored.at("/keys/0/aefPsk").asText()).isEqualTo(expected);
            assertThat(stored.at("/keys/1").isMissingNode()).isTrue();
            // The master secret never reaches the disk: not in the key file, not in the store.
            String masterHex = HexFormat.of().formatHex(master.get());
            String masterB64 = Base64.getEncoder().encodeToString(master.get());
            for (Path f : java.util.List.of(file, lab.stateDir.resolve("ccf.mv"))) {
                byte[] content = Files.readAllBytes(f);
                String text = new String(content, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(new String(master.get(), StandardCharsets.ISO_8859_1))
                        .doesNotContain(masterHex).doesNotContain(masterB64);
            }

            lab.stopCcf();
            assertThatThrownBy(() -> lab.handshake(TlsVersion.TLS_1_2)).isInstanceOf(CapifCallException.class)
                    .hasMessageContaining("unknown_psk_identity");
            lab.restartCcf();
            long restarted = System.nanoTime();
            int status = 0;
            while (status != 200 && System.nanoTime() - restarted < RETURN_BOUND_MILLIS * 1_000_000) {
                try {
                    status = lab.handshake(TlsVersion.TLS_1_2); // the key from before the restart, not asked again
                } catch (CapifCallException e) {
                    Thread.sleep(50); // the AEF waits out its reconnection backoff
                }
            }
            assertThat(status).as("the pre-restart AEFPSK within 5 s of the CCF's return").isEqualTo(200);
            assertThat(lab.handshake(TlsVersion.TLS_1_3)).isEqualTo(200);

            // A rotation replaces the file; the restarted CCF then knows only the new key.
            lab.requestSecurity();
            assertThat(new ObjectMapper().readTree(file.toFile()).at("/keys/0/aefPsk").asText()).isNotEqualTo(expected);
            lab.stopCcf();
            lab.restartCcf();
            restarted = System.nanoTime();
            status = 0;
            while (status != 200 && System.nanoTime() - restarted < RETURN_BOUND_MILLIS * 1_000_000) {
                try {
                    status = lab.handshake(TlsVersion.TLS_1_3);
                } catch (CapifCallException e) {
                    Thread.sleep(50);
                }
            }
            assertThat(status).as("the rotated AEFPSK after a second restart").isEqualTo(200);

            // A revocation deletes it: nothing on disk opens a session for this invoker again.
            lab.aef.revokeAll(lab.invoker.id());
            assertThat(file).doesNotExist();
            lab.stopCcf();
            lab.restartCcf();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as("AEFPSK files after the revocation and a restart").isEmpty();
            }
        }
    }
}
