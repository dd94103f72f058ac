package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record cipher BC's TLS calls for AES-GCM suites, on Wycheproof's vectors with TLS's shapes (96-bit nonces,
 * 128-bit tags, RFC 5288 3 / RFC 8446 5.3): BC's calling sequence (setKey, then init and doFinal per record, into an
 * array at an offset), one instance per direction reused across records as a connection does.
 */
class JdkAesGcmTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void wycheproofVectorsThroughBcsCallingSequence() throws Exception {
        Path file = Path.of(System.getProperty("keygate.shared", "../../shared"),
                "specs/vectors/wycheproof/aes_gcm_test.json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode group : root.get("testGroups")) {
            if (group.get("ivSize").asInt() != 96 || group.get("tagSize").asInt() != 128) {
                continue;
            }
            for (JsonNode t : group.get("tests")) {
                run++;
                String label = "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
                byte[] key = HEX.parseHex(t.get("key").asText());
                byte[] iv = HEX.parseHex(t.get("iv").asText());
                byte[] aad = HEX.parseHex(t.get("aad").asText());
                byte[] msg = HEX.parseHex(t.get("msg").asText());
                byte[] sealed = HEX.parseHex(t.get("ct").asText() + t.get("tag").asText());
                boolean valid = t.get("result").asText().equals("valid");

                JdkAesGcm decrypter = new JdkAesGcm(false);
                decrypter.setKey(padded(key), 3, key.length);
                decrypter.init(iv, 16);
                byte[] opened = new byte[5 + decrypter.getOutputSize(sealed.length)];
                byte[] input = new byte[7 + sealed.length];
                System.arraycopy(sealed, 0, input, 7, sealed.length);
                try {
                    int n = decrypter.doFinal(aad, input, 7, sealed.length, opened, 5);
                    if (!valid) {
                        failures.add(label + ": invalid case opened");
                    } else if (n != msg.length || !Arrays.equals(opened, 5, 5 + n, msg, 0, msg.length)) {
                        failures.add(label + ": wrong plaintext");
                    }
                } catch (IllegalStateException e) {
                    if (valid) {
                        failures.add(label + ": valid case refused");
                    }
                }
                if (valid) {
                    JdkAesGcm encrypter = new JdkAesGcm(true);
                    encrypter.setKey(key, 0, key.length);
                    encrypter.init(iv, 16);
                    byte[] out = new byte[encrypter.getOutputSize(msg.length)];
                    int n = encrypter.doFinal(aad, msg, 0, msg.length, out, 0);
                    if (n != sealed.length || !Arrays.equals(out, sealed)) {
                        failures.add(label + ": wrong ciphertext or tag");
                    }
                }
            }
        }
        assertThat(run).isGreaterThan(150);
        assertThat(failures).isEmpty();
    }

    @Test
    void oneInstanceServesRecordAfterRecordWithItsOwnNonceAndRefusesAFlippedBit() throws Exception {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        JdkAesGcm out = new JdkAesGcm(true);
        JdkAesGcm in = new JdkAesGcm(false);
        out.setKey(key, 0, 16);
        in.setKey(key, 0, 16);
        for (int seq = 0; seq < 3; seq++) {
            byte[] nonce = new byte[12];
            nonce[11] = (byte) seq;
            byte[] aad = {23, 3, 3, 0, (byte) seq};
            byte[] record = ("record " + seq).getBytes();
            out.init(nonce, 16);
            byte[] sealed = new byte[out.getOutputSize(record.length)];
            out.doFinal(aad, record, 0, record.length, sealed, 0);
            in.init(nonce, 16);
            byte[] opened = new byte[in.getOutputSize(sealed.length)];
            assertThat(in.doFinal(aad, sealed, 0, sealed.length, opened, 0)).isEqualTo(record.length);
            assertThat(opened).isEqualTo(record);
            sealed[seq] ^= 1;
            in.init(nonce, 16);
            byte[] tampered = sealed;
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> in.doFinal(aad, tampered, 0, tampered.length, new byte[opened.length], 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(HEX.formatHex(key));
        }
    }

    private static byte[] padded(byte[] key) {
        byte[] p = new byte[key.length + 6];
        System.arraycopy(key, 0, p, 3, key.length);
        return p;
    }
}
