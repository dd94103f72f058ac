package org.keygate.crypto.n32;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.nonce.NonceSequence;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * End-to-end check of the derived keys and nonces against the two flattened JWEs of N32-EXAMPLES.md: the keys
 * keygate derives, with the nonce salt || SEQ 0, must open the messages another implementation sealed (JCA
 * AES-GCM, GCM additional data = ASCII(protected || "." || aad), RFC 7516 5.2 step 14).
 */
class N32ExamplesJweTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    @Test
    void derivedKeysAndNoncesOpenBothExampleMessages() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/ts33501-13.2.4.4.1-n32-examples.json")) {
            doc = json.readTree(in);
        }
        N32fSessionKeys keys = N32fSessionKeys.derive(
                N32MasterKey.of(SecretBytes.copyOf(HEX.parseHex(doc.get("masterKey").asText()))),
                N32fContextId.parse(doc.get("initiatorContextId").asText()),
                N32fContextId.parse(doc.get("responderContextId").asText()), JweEnc.A128GCM);
        JweKey[] jweKeys = {keys.parallelRequestKey(), keys.parallelResponseKey()};
        IvSalt[] salts = {keys.parallelRequestIvSalt(), keys.parallelResponseIvSalt()};

        JsonNode messages = doc.get("messages");
        assertThat(messages).hasSize(2);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode jwe = m.get("reformattedData");
            String name = m.get("name").asText();
            assertThat(new String(B64URL.decode(jwe.get("protected").asText()), StandardCharsets.UTF_8))
                    .as(name).isEqualTo("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}");

            byte[] nonce = NonceSequence.of(salts[i]).next();
            assertThat(nonce).as(name + " iv").isEqualTo(B64URL.decode(jwe.get("iv").asText()));
            assertThat(NonceSequence.seqOf(salts[i], nonce)).isEqualTo(m.get("seq").asLong());

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE,
                    new SecretKeySpec(jweKeys[i].key().toByteArray(InsecureSecretAccess.get()), "AES"),
                    new GCMParameterSpec(128, nonce));
            gcm.updateAAD((jwe.get("protected").asText() + "." + jwe.get("aad").asText())
                    .getBytes(StandardCharsets.US_ASCII));
            gcm.update(B64URL.decode(jwe.get("ciphertext").asText()));
            byte[] plaintext = gcm.doFinal(B64URL.decode(jwe.get("tag").asText()));

            assertThat(json.readTree(plaintext)).as(name).isEqualTo(m.get("plaintextJson"));
            assertThat(HEX.formatHex(jweKeys[i].key().toByteArray(InsecureSecretAccess.get())))
                    .as(name).isEqualTo(m.get("key").asText());
            assertThat(HEX.formatHex(salts[i].salt().toByteArray(InsecureSecretAccess.get())))
                    .as(name).isEqualTo(m.get("ivSalt").asText());
        }
    }
}
