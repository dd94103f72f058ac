package org.keygate.crypto.n32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.hkdf.HkdfSha256;
import org.keygate.crypto.nonce.NonceSequence;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * DESIGN.md: keys never appear in toString or exception messages. One check per key type and per error path,
 * with recognisable octets whose hex (either case), decimal array and Base64 forms are searched for.
 */
class KeyMaterialSecrecyTest {
    private static final byte[] MARK = {(byte) 0xa5, 0x5a, (byte) 0xc3, 0x3c, (byte) 0x96, 0x69, (byte) 0xf0, 0x0f};

    private static byte[] marked(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = MARK[i % MARK.length];
        }
        return out;
    }

    private static void assertNoKeyMaterial(String text) {
        String hex = HexFormat.of().formatHex(MARK, 0, 4);
        assertThat(text).doesNotContain(hex, hex.toUpperCase(Locale.ROOT), Arrays.toString(MARK).substring(1, 12),
                java.util.Base64.getEncoder().encodeToString(marked(6)).substring(0, 6));
    }

    private static String messageOf(ThrowingCallable action) {
        Throwable t = catchThrowable(action);
        assertThat(t).as("expected an exception").isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }

    @Test
    void secretBytes() {
        SecretBytes s = SecretBytes.copyOf(marked(16));
        assertThat(s.toString()).isEqualTo("SecretBytes[16 octets]");
        assertNoKeyMaterial(s.toString());
        s.destroy();
        assertNoKeyMaterial(messageOf(s::length));
        assertNoKeyMaterial(messageOf(() -> s.toByteArray(InsecureSecretAccess.get())));
    }

    @Test
    void masterKey() {
        N32MasterKey m = N32MasterKey.of(SecretBytes.copyOf(marked(64)));
        assertNoKeyMaterial(m.toString());
        assertNoKeyMaterial(messageOf(() -> N32MasterKey.of(SecretBytes.copyOf(marked(48)))));
    }

    @Test
    void jweKey() {
        JweKey k = new JweKey(JweEnc.A256GCM, SecretBytes.copyOf(marked(32)));
        assertThat(k.toString()).isEqualTo("JweKey[A256GCM]");
        assertNoKeyMaterial(messageOf(() -> new JweKey(JweEnc.A128GCM, SecretBytes.copyOf(marked(32)))));
    }

    @Test
    void ivSalt() {
        IvSalt s = new IvSalt(SecretBytes.copyOf(marked(8)));
        assertThat(s.toString()).isEqualTo("IvSalt[8 octets]");
        assertNoKeyMaterial(messageOf(() -> new IvSalt(SecretBytes.copyOf(marked(12)))));
    }

    @Test
    void sessionKeys() {
        N32fSessionKeys k = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(marked(64))),
                N32fContextId.parse("0123456789abcdef"), N32fContextId.parse("fedcba9876543210"), JweEnc.A128GCM);
        List<String> printed = new ArrayList<>(List.of(k.toString()));
        for (N32KdfLabel label : N32KdfLabel.values()) {
            SecretBytes value = label.isIvSalt() ? k.ivSalt(label).salt() : k.key(label).key();
            String valueHex = HexFormat.of().formatHex(value.toByteArray(InsecureSecretAccess.get()));
            ThrowingCallable wrongKind = label.isIvSalt() ? () -> k.key(label) : () -> k.ivSalt(label);
            String text = k + " " + (label.isIvSalt() ? k.ivSalt(label) : k.key(label)) + " " + messageOf(wrongKind);
            assertThat(text).as(label.label()).doesNotContain(valueHex.substring(0, 8));
            printed.add(text);
        }
        assertNoKeyMaterial(String.join(" ", printed));
    }

    @Test
    void hkdfErrors() {
        SecretBytes prk = SecretBytes.copyOf(marked(32));
        assertNoKeyMaterial(messageOf(() -> HkdfSha256.expand(prk, new byte[0], 0)));
        assertNoKeyMaterial(messageOf(() -> HkdfSha256.expand(SecretBytes.copyOf(marked(16)), new byte[0], 16)));
    }

    @Test
    void nonceSequence() {
        IvSalt salt = new IvSalt(SecretBytes.copyOf(marked(8)));
        NonceSequence seq = NonceSequence.of(salt);
        seq.next();
        assertNoKeyMaterial(seq.toString());
        byte[] foreign = new byte[12];
        assertNoKeyMaterial(messageOf(() -> NonceSequence.seqOf(salt, foreign)));
        byte[] ours = seq.next();
        IvSalt other = new IvSalt(SecretBytes.copyOf(new byte[8]));
        assertNoKeyMaterial(messageOf(() -> NonceSequence.seqOf(other, ours)));
    }
}
