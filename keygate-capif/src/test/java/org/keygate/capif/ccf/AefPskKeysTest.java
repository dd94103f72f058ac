package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.capif.AefPsk;
import org.keygate.crypto.capif.TlsSessionId;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/** The CCF's AEFPSK lifecycle: lazy derivation, the master secret destroyed once done, rotation. */
class AefPskKeysTest {
    static final AefInterfaceId A = new AefInterfaceId("aef.example.org", 443, "/a");
    static final AefInterfaceId B = new AefInterfaceId("aef.example.org", 443, "/b");

    static Capif1eSession session(int fill) {
        byte[] ms = new byte[48];
        java.util.Arrays.fill(ms, (byte) fill);
        byte[] sid = new byte[32];
        java.util.Arrays.fill(sid, (byte) (fill + 1));
        return new Capif1eSession(SecretBytes.copyOf(ms), new TlsSessionId(sid));
    }

    @Test
    void derivesLazilyAndDestroysTheMasterSecretWhenEveryInterfaceHasItsKey() {
        AefPskKeys keys = new AefPskKeys();
        Capif1eSession s = session(7);
        SecretBytes expectedA = AefPsk.derive(session(7).masterSecret(), A, s.sessionId());
        keys.rotate("INV1", s, Set.of(A, B));
        assertThat(keys.holdsMasterSecret("INV1")).isTrue();
        assertThat(keys.aefPsk("INV1", A).orElseThrow().equalsSecret(expectedA)).isTrue();
        assertThat(keys.holdsMasterSecret("INV1")).as("B still to derive").isTrue();
        keys.aefPsk("INV1", B).orElseThrow();
        assertThat(keys.holdsMasterSecret("INV1")).isFalse();
        assertThat(s.masterSecret().isDestroyed()).isTrue();
        // Still served after the master secret is gone, to a second AEF request.
        assertThat(keys.aefPsk("INV1", A).orElseThrow().equalsSecret(expectedA)).isTrue();
        assertThat(keys.aefPsk("INV1", new AefInterfaceId("other", 1, ""))).isEmpty();
    }

    @Test
    void rotationDestroysTheOldKeys() {
        AefPskKeys keys = new AefPskKeys();
        keys.rotate("INV1", session(1), Set.of(A));
        SecretBytes old = keys.aefPsk("INV1", A).orElseThrow();
        String oldHex = HexFormat.of().formatHex(old.toByteArray(InsecureSecretAccess.get()));
        keys.rotate("INV1", session(3), Set.of(A));
        assertThat(old.isDestroyed()).isTrue();
        assertThat(HexFormat.of().formatHex(keys.aefPsk("INV1", A).orElseThrow()
                .toByteArray(InsecureSecretAccess.get()))).isNotEqualTo(oldHex);
        keys.forget("INV1");
        assertThat(keys.aefPsk("INV1", A)).isEmpty();
    }

    @Test
    void withFilesEveryKeyIsDerivedAtOnceAndRestoredByTheNextCcf(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var files = org.keygate.capif.store.AefPskFiles.open(dir.resolve("aefpsk"));
        AefPskKeys keys = new AefPskKeys(java.util.Optional.of(files));
        Capif1eSession s = session(9);
        SecretBytes expectedA = AefPsk.derive(session(9).masterSecret(), A, s.sessionId());
        SecretBytes expectedB = AefPsk.derive(session(9).masterSecret(), B, s.sessionId());
        keys.rotate("INV1", s, Set.of(A, B));
        // The master secret never waits for the AEF here: it would otherwise have to be written to reach the restart.
        assertThat(s.masterSecret().isDestroyed()).isTrue();
        assertThat(keys.holdsMasterSecret("INV1")).isFalse();
        keys.rotate("INV2", session(11), Set.of(A));

        AefPskKeys restarted = new AefPskKeys(java.util.Optional.of(files));
        assertThat(restarted.restore(id -> id.equals("INV1"))).isEqualTo(1);
        assertThat(restarted.aefPsk("INV1", A).orElseThrow().equalsSecret(expectedA)).isTrue();
        assertThat(restarted.aefPsk("INV1", B).orElseThrow().equalsSecret(expectedB)).isTrue();
        assertThat(restarted.aefPsk("INV2", A)).as("no PSK context in the store: dropped").isEmpty();
        assertThat(dir.resolve("aefpsk").resolve("INV2.json")).doesNotExist();

        restarted.forget("INV1");
        assertThat(new AefPskKeys(java.util.Optional.of(files)).restore(id -> true)).isZero();
    }
}
