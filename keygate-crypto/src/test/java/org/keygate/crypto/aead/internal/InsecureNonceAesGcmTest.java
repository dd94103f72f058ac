package org.keygate.crypto.aead.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;

/** Wycheproof's AES-GCM vectors (the 96-bit-nonce, 128-bit-tag groups N32-f uses) and mutations. */
class InsecureNonceAesGcmTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void wycheproofVectorsWithTwelveOctetNonces() throws Exception {
        Path file = Path.of(System.getProperty("keygate.shared", "../../shared"),
                "specs/vectors/wycheproof/aes_gcm_test.json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode group : root.get("testGroups")) {
            // This primitive takes only 12-octet nonces and 16-octet tags (TS 33.501 13.2.4.4.1, RFC 7518 5.3).
            if (group.get("ivSize").asInt() != 96 || group.get("tagSize").asInt() != 128) {
                continue;
            }
            for (JsonNode t : group.get("tests")) {
                run++;
                String label = "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
                var aead = new InsecureNonceAesGcm(SecretBytes.copyOf(HEX.parseHex(t.get("key").asText())));
                byte[] iv = HEX.parseHex(t.get("iv").asText());
                byte[] aad = HEX.parseHex(t.get("aad").asText());
                byte[] msg = HEX.parseHex(t.get("msg").asText());
                byte[] sealed = HEX.parseHex(t.get("ct").asText() + t.get("tag").asText());
                boolean valid = t.get("result").asText().equals("valid");
                try {
                    byte[] opened = aead.decrypt(iv, sealed, aad);
                    if (!valid) {
                        failures.add(label + ": invalid case opened");
                    } else if (!HEX.formatHex(opened).equals(t.get("msg").asText())) {
                        failures.add(label + ": wrong plaintext");
                    } else if (!HEX.formatHex(aead.encrypt(iv, msg, aad)).equals(HEX.formatHex(sealed))) {
                        failures.add(label + ": wrong ciphertext");
                    }
                } catch (AEADBadTagException e) {
                    if (valid) {
                        failures.add(label + ": valid case refused");
                    }
                }
            }
        }
        assertThat(run).isGreaterThan(150);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyMutationOfCiphertextTagNonceOrAadIsRefused() throws Exception {
        var aead = new InsecureNonceAesGcm(SecretBytes.copyOf(new byte[16]));
        byte[] nonce = new byte[12];
        byte[] aad = "aad".getBytes();
        byte[] sealed = aead.encrypt(nonce, "plaintext".getBytes(), aad);
        for (int i = 0; i < sealed.length; i++) {
            byte[] m = sealed.clone();
            m[i] ^= 1;
            assertThatThrownBy(() -> aead.decrypt(nonce, m, aad)).isInstanceOf(AEADBadTagException.class);
        }
        byte[] otherNonce = nonce.clone();
        otherNonce[11] = 1;
        assertThatThrownBy(() -> aead.decrypt(otherNonce, sealed, aad)).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> aead.decrypt(nonce, sealed, "aae".getBytes())).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> aead.decrypt(nonce, new byte[5], aad)).isInstanceOf(AEADBadTagException.class);
        assertThat(new String(aead.decrypt(nonce, sealed, aad))).isEqualTo("plaintext");
    }

    @Test
    void refusesOtherNonceLengthsAndPrintsNoKey() {
        var aead = new InsecureNonceAesGcm(SecretBytes.copyOf(HEX.parseHex("00112233445566778899aabbccddeeff")));
        assertThatThrownBy(() -> aead.encrypt(new byte[16], new byte[1], new byte[0]))
                .hasMessageContaining("nonce: 16 octets");
        assertThat(aead.toString()).isEqualTo("InsecureNonceAesGcm[128-bit key]").doesNotContain("0011");
    }
}
