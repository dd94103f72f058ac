package org.keygate.crypto.n32;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * Cross-checks N32-KDF with OpenSSL's HKDF in expand-only mode ({@code openssl kdf ... mode:EXPAND_ONLY HKDF}),
 * an implementation nobody here wrote, over random master keys and context IDs and every label and length.
 */
class N32KdfOpenSslTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesOpenSslHkdfExpandForEveryLabel() throws Exception {
        Random random = new Random(0x33501L); // fixed seed: a failure can be replayed
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            byte[] master = new byte[N32MasterKey.LENGTH];
            random.nextBytes(master);
            byte[] id = new byte[8];
            random.nextBytes(id);
            N32fContextId contextId = N32fContextId.parse(HEX.formatHex(id));
            for (N32KdfLabel label : N32KdfLabel.values()) {
                int length = label.isIvSalt() ? IvSalt.LENGTH : round % 2 == 0 ? 16 : 32;
                String ours = HEX.formatHex(N32Kdf.derive(N32MasterKey.of(SecretBytes.copyOf(master)), contextId,
                        label, length).toByteArray(InsecureSecretAccess.get()));
                String theirs = openSslExpand(master, "N32" + contextId.value() + label.label(), length);
                if (!ours.equals(theirs)) {
                    failures.add("round " + round + " " + label.label() + " L=" + length);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String openSslExpand(byte[] prk, String info, int length) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "kdf", "-keylen", Integer.toString(length),
                "-kdfopt", "digest:SHA256", "-kdfopt", "mode:EXPAND_ONLY",
                "-kdfopt", "hexkey:" + HEX.formatHex(prk), "-kdfopt", "info:" + info, "HKDF")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(p.exitValue()).as("openssl kdf: " + out).isZero();
        return out.replace(":", "").toLowerCase(java.util.Locale.ROOT);
    }
}
