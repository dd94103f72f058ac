package org.keygate.n32.n32f.jwe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.keygate.crypto.n32.JweEnc;

/**
 * The JWE protected header of N32-f (TS 33.501 13.2.4.4.0, TS 33.210 JOSE profile):
 * {@code {"alg":"dir","enc":"A128GCM"|"A256GCM"}}, nothing else, in this member order (DESIGN.md).
 */
final class JweProtectedHeader {
    private JweProtectedHeader() {}

    /** BASE64URL(UTF-8(header)) as sent; computed once per context. */
    static String encoded(JweEnc enc) {
        String json = "{\"alg\":\"dir\",\"enc\":\"" + enc.joseName() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
