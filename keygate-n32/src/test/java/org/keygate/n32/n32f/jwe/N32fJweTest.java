package org.keygate.n32.n32f.jwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWEObjectJSON;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.impl.AESGCM;
import com.nimbusds.jose.crypto.impl.AuthenticatedCipherText;
import com.nimbusds.jose.util.Container;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.n32.n32f.model.N32fMessageJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.JweKey;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.nonce.ReplayWindow;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;

/**
 * N32-f JWE against the independent vectors of N32-EXAMPLES.md and against Nimbus JOSE+JWT, plus one mutation per
 * member, replay, and a foreign context.
 */
class N32fJweTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] AAD = "{\"metaData\":{\"n32fContextId\":\"fedcba9876543210\",\"messageId\":\"7\",\"authorizedIpxId\":\"NULL\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAINTEXT = "{\"dataToEncrypt\":[\"imsi-001010000000001\"]}".getBytes(StandardCharsets.UTF_8);

    JsonNode examples;
    N32fSessionKeys keys;

    @BeforeEach
    void load() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/ts33501-13.2.4.4.1-n32-examples.json")) {
            examples = SbiJson.mapper().readTree(in);
        }
        keys = N32fSessionKeys.derive(
                N32MasterKey.of(SecretBytes.copyOf(HexFormat.of().parseHex(examples.get("masterKey").asText()))),
                N32fContextId.parse(examples.get("initiatorContextId").asText()),
                N32fContextId.parse(examples.get("responderContextId").asText()), JweEnc.A128GCM);
    }

    private N32fJweDecrypter requestReceiver() {
        return new N32fJweDecrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt(), new ReplayWindow(64));
    }

    @Test
    void decryptsTheIndependentExampleRequestAndResponse() throws Exception {
        JsonNode request = examples.get("messages").get(0);
        VerifiedN32fJwe req = requestReceiver().decrypt(
                SbiJson.mapper().treeToValue(request.get("reformattedData"), FlatJweJson.class));
        assertThat(SbiJson.read(req.plaintext(), JsonNode.class)).isEqualTo(request.get("plaintextJson"));
        assertThat(SbiJson.read(req.aad(), JsonNode.class).at("/metaData/n32fContextId").asText())
                .isEqualTo("fedcba9876543210");
        assertThat(req.seq()).isZero();

        JsonNode response = examples.get("messages").get(1);
        VerifiedN32fJwe rsp = new N32fJweDecrypter(keys.parallelResponseKey(), keys.parallelResponseIvSalt(),
                new ReplayWindow(64)).decrypt(SbiJson.mapper().treeToValue(response.get("reformattedData"),
                FlatJweJson.class));
        assertThat(SbiJson.read(rsp.plaintext(), JsonNode.class)).isEqualTo(response.get("plaintextJson"));
    }

    @Test
    void nimbusDecryptsWhatKeygateEncryptsAndTheWireFormValidates() throws Exception {
        var encrypter = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt());
        for (int seq = 0; seq < 3; seq++) {
            FlatJweJson jwe = encrypter.encrypt(AAD, PLAINTEXT);
            assertThat(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(jwe.iv())))
                    .isEqualTo("0c798f042ed6db5e0000000" + seq);
            JWEObjectJSON nimbus = JWEObjectJSON.parse(new String(SbiJson.write(jwe), StandardCharsets.UTF_8));
            nimbus.decrypt(new DirectDecrypter(secretKey(keys.parallelRequestKey())));
            assertThat(nimbus.getPayload().toBytes()).isEqualTo(PLAINTEXT);
            assertThat(nimbus.getHeader().getAlgorithm().getName()).isEqualTo("dir");
            OpenApiConformance.assertValidN32fRequest(Map.of("reformattedData", jwe));
        }
    }

    @Test
    void sealedOctetsAreWrittenAsJacksonWritesTheMessageAndNimbusDecryptsIt() throws Exception {
        var encrypter = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt());
        // Lengths on every side of base64url's 3-octet groups, for the aad and for the ciphertext.
        for (int length = 0; length < 8; length++) {
            byte[] aad = java.util.Arrays.copyOf(AAD, AAD.length + length);
            byte[] plaintext = java.util.Arrays.copyOf(PLAINTEXT, PLAINTEXT.length + length);
            FlatJweOctets sealed = encrypter.seal(aad, plaintext);
            byte[] written = N32fMessageJson.write(sealed);
            assertThat(written).isEqualTo(SbiJson.write(new N32fReformattedReqMsg(sealed.json(), null)))
                    .isEqualTo(SbiJson.write(new N32fReformattedRspMsg(sealed.json(), null)));
            JsonNode jwe = SbiJson.read(written, JsonNode.class).get("reformattedData");
            assertThat(Base64.getUrlDecoder().decode(jwe.get("aad").asText())).isEqualTo(aad);
            JWEObjectJSON nimbus = JWEObjectJSON.parse(jwe.toString());
            nimbus.decrypt(new DirectDecrypter(secretKey(keys.parallelRequestKey())));
            assertThat(nimbus.getPayload().toBytes()).isEqualTo(plaintext);
        }
    }

    @Test
    void keygateDecryptsWhatNimbusEncryptsWithTheSameNonceRule() throws Exception {
        String header = B64.encodeToString("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}".getBytes(StandardCharsets.UTF_8));
        String aad = B64.encodeToString(AAD);
        byte[] salt = keys.parallelRequestIvSalt().salt().toByteArray(InsecureSecretAccess.get());
        byte[] nonce = new byte[12];
        System.arraycopy(salt, 0, nonce, 0, 8);
        nonce[11] = 5; // SEQ 5: the window accepts a first message ahead of 0
        AuthenticatedCipherText ct = AESGCM.encrypt(secretKey(keys.parallelRequestKey()), new Container<>(nonce),
                PLAINTEXT, (header + "." + aad).getBytes(StandardCharsets.US_ASCII), null);
        FlatJweJson jwe = FlatJweJson.of(header, aad, B64.encodeToString(nonce),
                B64.encodeToString(ct.getCipherText()), B64.encodeToString(ct.getAuthenticationTag()));
        VerifiedN32fJwe opened = requestReceiver().decrypt(jwe);
        assertThat(opened.plaintext()).isEqualTo(PLAINTEXT);
        assertThat(opened.seq()).isEqualTo(5);
    }

    @Test
    void everyMemberMutationIsRefusedWithItsErrorType() throws Exception {
        FlatJweJson good = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt())
                .encrypt(AAD, PLAINTEXT);
        assertRefused(good, n -> n.put("aad", flip(n.get("aad").asText())), N32fErrorType.INTEGRITY_CHECK_FAILED);
        assertRefused(good, n -> n.put("ciphertext", flip(n.get("ciphertext").asText())),
                N32fErrorType.INTEGRITY_CHECK_FAILED);
        assertRefused(good, n -> n.put("tag", flip(n.get("tag").asText())), N32fErrorType.INTEGRITY_CHECK_FAILED);
        assertRefused(good, n -> n.put("iv", flip(n.get("iv").asText())), N32fErrorType.INTEGRITY_CHECK_FAILED);
        assertRefused(good, n -> n.put("protected", B64.encodeToString(
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_8))),
                N32fErrorType.DECIPHERING_FAILED);
        assertRefused(good, n -> n.put("protected", B64.encodeToString(
                "{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"zip\":\"DEF\"}".getBytes(StandardCharsets.UTF_8))),
                N32fErrorType.DECIPHERING_FAILED);
        assertRefused(good, n -> n.put("protected", B64.encodeToString(
                "{\"enc\":\"A128GCM\",\"alg\":\"dir\"}".getBytes(StandardCharsets.UTF_8))),
                N32fErrorType.INTEGRITY_CHECK_FAILED);
        assertRefused(good, n -> n.put("encrypted_key", "AAAA"), N32fErrorType.DECIPHERING_FAILED);
        assertRefused(good, n -> n.putObject("header").put("alg", "none"), N32fErrorType.DECIPHERING_FAILED);
        assertRefused(good, n -> n.put("iv", "!!"), N32fErrorType.DECIPHERING_FAILED);
        assertRefused(good, n -> n.remove("tag"), N32fErrorType.DECIPHERING_FAILED);
        // The untouched message still opens: each refusal above left the window alone.
        assertThat(requestReceiver().decrypt(good).plaintext()).isEqualTo(PLAINTEXT);
    }

    @Test
    void aReplayAndAMessageOfAnotherContextAreRefused() throws Exception {
        FlatJweJson jwe = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt())
                .encrypt(AAD, PLAINTEXT);
        N32fJweDecrypter receiver = requestReceiver();
        receiver.decrypt(jwe);
        assertThatThrownBy(() -> receiver.decrypt(jwe)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_FAILED));
        // The same message offered to the reverse direction's receiver: other key and salt.
        N32fJweDecrypter reverse = new N32fJweDecrypter(keys.reverseRequestKey(), keys.reverseRequestIvSalt(),
                new ReplayWindow(64));
        assertThatThrownBy(() -> reverse.decrypt(jwe)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_FAILED));
    }

    @Test
    void nothingPrintsKeysOrPlaintext() throws Exception {
        var encrypter = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt());
        VerifiedN32fJwe v = requestReceiver().decrypt(encrypter.encrypt(AAD, PLAINTEXT));
        String all = encrypter + " " + requestReceiver() + " " + v;
        assertThat(all).doesNotContain("1109542e", "0c798f04", "imsi-001010000000001");
    }

    private void assertRefused(FlatJweJson good, Consumer<ObjectNode> mutation, N32fErrorType type) {
        ObjectNode node = SbiJson.mapper().valueToTree(good);
        mutation.accept(node);
        assertThatThrownBy(() -> requestReceiver().decrypt(SbiJson.mapper().treeToValue(node, FlatJweJson.class)))
                .as(node.toString()).isInstanceOfSatisfying(N32fException.class,
                        e -> assertThat(e.type()).isEqualTo(type));
    }

    /** Changes one base64url character (the first), keeping the string valid base64url. */
    private static String flip(String b64) {
        char c = b64.charAt(0);
        return (c == 'A' ? 'B' : 'A') + b64.substring(1);
    }

    private static SecretKeySpec secretKey(JweKey key) {
        return new SecretKeySpec(key.key().toByteArray(InsecureSecretAccess.get()), "AES");
    }

    @Test
    void theProtectedHeaderIsTheExamplesOne() {
        assertThat(JweProtectedHeader.encoded(JweEnc.A128GCM)).isEqualTo("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0");
    }
}
