package org.keygate.crypto.n32;

import java.nio.charset.StandardCharsets;
import org.keygate.crypto.hkdf.HkdfSha256;
import org.keygate.crypto.secret.SecretBytes;

/**
 * N32-KDF (TS 33.501 13.2.4.4.1): HKDF-Expand only, the master key being already uniformly random.
 * {@code N32-KDF(label, L) = HKDF-Expand(N32-f master key, "N32" || N32-Context-ID || label, L)}, all ASCII.
 */
public final class N32Kdf {
    private N32Kdf() {}

    public static SecretBytes derive(N32MasterKey master, N32fContextId contextId, N32KdfLabel label, int length) {
        byte[] info = ("N32" + contextId.value() + label.label()).getBytes(StandardCharsets.US_ASCII);
        return HkdfSha256.expand(master.secret(), info, length);
    }
}
