package org.keygate.crypto.n32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The vectors of shared/docs/N32-EXAMPLES.md, computed by an implementation independent of keygate: master key
 * 00..3f, initiator context 0123456789abcdef, responder context fedcba9876543210 (TS 33.501 13.2.4.4.1 with
 * DESIGN.md's context-ID rule).
 */
class N32fSessionKeysTest {
    static final N32fContextId INITIATOR = N32fContextId.parse("0123456789abcdef");
    static final N32fContextId RESPONDER = N32fContextId.parse("fedcba9876543210");

    static N32MasterKey exampleMaster() {
        byte[] m = new byte[64];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) i;
        }
        return N32MasterKey.of(SecretBytes.copyOf(m));
    }

    static String hex(SecretBytes s) {
        return HexFormat.of().formatHex(s.toByteArray(InsecureSecretAccess.get()));
    }

    @Test
    void a128gcmVectors() {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A128GCM);
        assertThat(hex(k.parallelRequestKey().key())).isEqualTo("1109542e13995c708d48a4ee5ee71c35");
        assertThat(hex(k.parallelRequestIvSalt().salt())).isEqualTo("0c798f042ed6db5e");
        assertThat(hex(k.parallelResponseKey().key())).isEqualTo("e342aaa74e0b9383501ac58ea856d9ce");
        assertThat(hex(k.parallelResponseIvSalt().salt())).isEqualTo("7cd8309cf77881fd");
        assertThat(hex(k.reverseRequestKey().key())).isEqualTo("d7ac7de68714c135c598568b57c7a410");
        assertThat(hex(k.reverseRequestIvSalt().salt())).isEqualTo("3084200ad31f7994");
        assertThat(hex(k.reverseResponseKey().key())).isEqualTo("5875bc0639febb98e440cbe98838d2fe");
        assertThat(hex(k.reverseResponseIvSalt().salt())).isEqualTo("b13badb318586849");
    }

    @Test
    void a256gcmVectors() {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A256GCM);
        assertThat(hex(k.parallelRequestKey().key()))
                .isEqualTo("1109542e13995c708d48a4ee5ee71c35619713907ffe77a3f0f3938dcb5e54eb");
        assertThat(hex(k.parallelResponseKey().key()))
                .isEqualTo("e342aaa74e0b9383501ac58ea856d9ce7785963152f5dfa51061cad75fff73ee");
        assertThat(hex(k.reverseRequestKey().key()))
                .isEqualTo("d7ac7de68714c135c598568b57c7a410bf6c62e38842b60b624d24b91b525e60");
        assertThat(hex(k.reverseResponseKey().key()))
                .isEqualTo("5875bc0639febb98e440cbe98838d2fe51e4e7dbeb7f23a8f45700ee3a1fc89f");
        assertThat(hex(k.parallelRequestIvSalt().salt())).isEqualTo("0c798f042ed6db5e");
        assertThat(hex(k.reverseResponseIvSalt().salt())).isEqualTo("b13badb318586849");
    }

    @Test
    void swappingTheContextIdsChangesEveryValue() {
        Map<N32KdfLabel, String> right =
                N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A128GCM).fingerprints();
        Map<N32KdfLabel, String> swapped =
                N32fSessionKeys.derive(exampleMaster(), RESPONDER, INITIATOR, JweEnc.A128GCM).fingerprints();
        for (N32KdfLabel label : N32KdfLabel.values()) {
            assertThat(swapped.get(label)).as(label.label()).isNotEqualTo(right.get(label));
        }
    }

    @Test
    void fingerprintsAreSha256OfTheValues() throws Exception {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A128GCM);
        byte[] key = HexFormat.of().parseHex("1109542e13995c708d48a4ee5ee71c35");
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key));
        assertThat(k.fingerprints().get(N32KdfLabel.PARALLEL_REQUEST_KEY)).isEqualTo(expected);
    }

    @Test
    void nothingPrintsKeyMaterial() {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A128GCM);
        String all = k + " " + k.parallelRequestKey() + " " + k.parallelRequestIvSalt() + " " + exampleMaster()
                + " " + k.parallelRequestKey().key();
        assertThat(all).doesNotContain("1109542e", "0c798f04", "000102030405");
        assertThat(all).contains("A128GCM");
    }

    @Test
    void masterKeyMustBe64Octets() {
        assertThatThrownBy(() -> N32MasterKey.of(SecretBytes.copyOf(new byte[32])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    }

    @Test
    void contextIdsFollowThePatternAndAreStoredLowercase() {
        assertThat(N32fContextId.parse("FEDCBA9876543210").value()).isEqualTo("fedcba9876543210");
        assertThatThrownBy(() -> N32fContextId.parse("fedcba987654321")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> N32fContextId.parse("fedcba987654321g")).isInstanceOf(IllegalArgumentException.class);
        assertThat(N32fContextId.random(new java.security.SecureRandom()).value()).matches("^[0-9a-f]{16}$");
    }

    @Test
    void labelLookupsMatchTheAccessors() {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A256GCM);
        assertThat(k.enc()).isEqualTo(JweEnc.A256GCM);
        assertThat(k.key(N32KdfLabel.REVERSE_REQUEST_KEY)).isSameAs(k.reverseRequestKey());
        assertThat(k.ivSalt(N32KdfLabel.PARALLEL_RESPONSE_IV_SALT)).isSameAs(k.parallelResponseIvSalt());
        assertThat(hex(k.ivSalt(N32KdfLabel.REVERSE_REQUEST_IV_SALT).salt())).isEqualTo("3084200ad31f7994");
        assertThatThrownBy(() -> k.key(N32KdfLabel.PARALLEL_REQUEST_IV_SALT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallel_request_iv_salt");
        assertThatThrownBy(() -> k.ivSalt(N32KdfLabel.REVERSE_RESPONSE_KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reverse_response_key");
    }

    @Test
    void labelsAreTheExactAsciiOfTheClause() {
        assertThat(java.util.Arrays.stream(N32KdfLabel.values()).map(N32KdfLabel::label)).containsExactly(
                "parallel_request_key", "parallel_request_iv_salt", "parallel_response_key",
                "parallel_response_iv_salt", "reverse_request_key", "reverse_request_iv_salt",
                "reverse_response_key", "reverse_response_iv_salt");
    }

    @Test
    void allFourKeysMustShareOneEnc() {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A128GCM);
        JweKey other = new JweKey(JweEnc.A256GCM, SecretBytes.copyOf(new byte[32]));
        assertThatThrownBy(() -> new N32fSessionKeys(k.parallelRequestKey(), k.parallelRequestIvSalt(), other,
                k.parallelResponseIvSalt(), k.reverseRequestKey(), k.reverseRequestIvSalt(), k.reverseResponseKey(),
                k.reverseResponseIvSalt())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void destroyZeroesEveryValue() {
        N32fSessionKeys k = N32fSessionKeys.derive(exampleMaster(), INITIATOR, RESPONDER, JweEnc.A128GCM);
        k.destroy();
        assertThat(k.parallelRequestKey().key().isDestroyed()).isTrue();
        assertThat(k.reverseResponseIvSalt().salt().isDestroyed()).isTrue();
        assertThatThrownBy(k::fingerprints).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void joseNames() {
        assertThat(JweEnc.fromJoseName("A128GCM")).contains(JweEnc.A128GCM);
        assertThat(JweEnc.fromJoseName("A256GCM")).contains(JweEnc.A256GCM);
        assertThat(JweEnc.fromJoseName("a128gcm")).isEmpty();
        assertThat(JweEnc.fromJoseName("A192GCM")).isEmpty();
        assertThat(JweEnc.A128GCM.keyLength()).isEqualTo(16);
        assertThat(JweEnc.A256GCM.keyLength()).isEqualTo(32);
    }

    @Test
    void contextIdErrorsNameThePattern() {
        assertThatThrownBy(() -> N32fContextId.parse("0123456789abcdef0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("^[A-Fa-f0-9]{16}$");
        assertThat(N32fContextId.parse("0123456789ABCDEF")).isEqualTo(INITIATOR).hasToString("0123456789abcdef");
    }
}
