package org.keygate.crypto.mikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;

/**
 * AES-CM key-data transport (RFC 3830 4.2.3) against OpenSSL: the expected ciphertexts are
 * {@code openssl enc -aes-128-ctr} and {@code -aes-256-ctr} of the octets 00..27 with the IV
 * (S XOR (0x0000 || CSB ID || T)) || 0x0000 = a0a1b097f2dda7a5abadafadaba50000 worked out by hand for
 * S = a0..ad, CSB ID = 0x12345678, T = 0x0102030405060708.
 */
class MikeyEncrAlgTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacad");
    private static final long CSB_ID = 0x12345678L;
    private static final long T = 0x0102030405060708L;

    @Test
    void aesCm128MatchesOpenSslCtrWithTheRfc3830Iv() {
        MikeyMessageKeys keys = keys("000102030405060708090a0b0c0d0e0f");
        byte[] ct = MikeyEncrAlg.AES_CM_128.apply(keys, CSB_ID, T, plain());
        assertThat(HEX.formatHex(ct)).isEqualTo(
                "ff35431e90bd0674b5ece88ee5e1a31c1cc4ec80668ad3b1b8fcdc3fce8d52e9f999b2fe9fa2c77a");
        assertThat(MikeyEncrAlg.AES_CM_128.apply(keys, CSB_ID, T, ct)).isEqualTo(plain());
    }

    @Test
    void aesCm256MatchesOpenSslCtrWithTheRfc3830Iv() {
        MikeyMessageKeys keys = keys("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(HEX.formatHex(MikeyEncrAlg.AES_CM_256.apply(keys, CSB_ID, T, plain()))).isEqualTo(
                "92103bdc388bd0f8e656045c39968ddab38aee14832c17e4c6d57126f9107b48cdc15a95937c304c");
    }

    @Test
    void otherCsbIdOrTimestampGivesOtherCiphertext() {
        MikeyMessageKeys keys = keys("000102030405060708090a0b0c0d0e0f");
        byte[] ct = MikeyEncrAlg.AES_CM_128.apply(keys, CSB_ID, T, plain());
        assertThat(MikeyEncrAlg.AES_CM_128.apply(keys, CSB_ID + 1, T, plain())).isNotEqualTo(ct);
        assertThat(MikeyEncrAlg.AES_CM_128.apply(keys, CSB_ID, T + 1, plain())).isNotEqualTo(ct);
    }

    @Test
    void macAlgorithmsVerifyAndRefuse() {
        SecretBytes k = SecretBytes.copyOf(new byte[32]);
        byte[] mac = MikeyMacAlg.HMAC_SHA_256_256.mac(k, new byte[] {1}, new byte[] {2});
        assertThat(mac).hasSize(32);
        assertThat(MikeyMacAlg.HMAC_SHA_256_256.verify(k, mac, new byte[] {1, 2})).isTrue();
        assertThat(MikeyMacAlg.HMAC_SHA_256_256.verify(k, mac, new byte[] {1, 3})).isFalse();
        assertThat(MikeyMacAlg.HMAC_SHA_1_160.mac(SecretBytes.copyOf(new byte[20]), new byte[0])).hasSize(20);
        assertThat(MikeyMacAlg.NULL.verify(k, new byte[0])).isFalse();
    }

    @Test
    void messageKeysPrintNoOctets() {
        MikeyMessageKeys keys = MikeyMessageKeys.derive(MikeyPrf.PRF_HMAC_SHA_256, SecretBytes.copyOf(new byte[16]),
                MikeyLabel.ticketMessage(1, false, new byte[16], null), MikeyEncrAlg.AES_CM_128,
                MikeyMacAlg.HMAC_SHA_256_256);
        assertThat(keys.toString()).isEqualTo("MikeyMessageKeys[encr SecretBytes[16 octets], salt SecretBytes[14 "
                + "octets], auth SecretBytes[32 octets]]");
        keys.destroy();
        assertThat(keys.toString()).contains("auth SecretBytes[32 octets]");
    }

    private static MikeyMessageKeys keys(String key) {
        return new MikeyMessageKeys(SecretBytes.copyOf(HEX.parseHex(key)), SecretBytes.copyOf(SALT),
                SecretBytes.copyOf(new byte[0]));
    }

    private static byte[] plain() {
        byte[] p = new byte[40];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }
}
