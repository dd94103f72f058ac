package org.keygate.crypto.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBytesTest {
    @Test
    void printsOnlyItsLength() {
        SecretBytes s = SecretBytes.copyOf(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
        assertThat(s.toString()).isEqualTo("SecretBytes[4 octets]").doesNotContain("dead");
    }

    @Test
    void copiesInAndOut() {
        byte[] in = {1, 2, 3};
        SecretBytes s = SecretBytes.copyOf(in);
        in[0] = 9;
        byte[] out = s.toByteArray(InsecureSecretAccess.get());
        assertThat(out).containsExactly(1, 2, 3);
        out[1] = 9;
        assertThat(s.toByteArray(InsecureSecretAccess.get())).containsExactly(1, 2, 3);
    }

    @Test
    void comparesContentInConstantTimeOnly() {
        assertThat(SecretBytes.copyOf(new byte[] {1, 2}).equalsSecret(SecretBytes.copyOf(new byte[] {1, 2}))).isTrue();
        assertThat(SecretBytes.copyOf(new byte[] {1, 2}).equalsSecret(SecretBytes.copyOf(new byte[] {1, 3}))).isFalse();
        assertThat(SecretBytes.copyOf(new byte[] {1, 2})).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2}));
    }

    @Test
    void destroyedSecretsCannotBeUsed() {
        SecretBytes s = SecretBytes.copyOf(new byte[] {1, 2});
        s.destroy();
        assertThat(s.isDestroyed()).isTrue();
        assertThatThrownBy(() -> s.toByteArray(InsecureSecretAccess.get())).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("01");
    }

    @Test
    void fingerprintIsTheSha256OfTheOctets() {
        // SHA-256 of the empty string (FIPS 180-2 / widely published).
        assertThat(SecretBytes.copyOf(new byte[0]).sha256Fingerprint())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
