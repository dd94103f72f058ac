package org.keygate.n32.n32f.prins;

import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32KdfLabel;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32f.jwe.N32fJweEncrypter;

/**
 * The PRINS context of shared/docs/N32-EXAMPLES.md (master key 00..3f, initiator 0123456789abcdef, responder
 * fedcba9876543210, A128GCM) at both ends, for the N32-f fuzz targets: the example's request decrypts at {@link
 * #home()}, its response at {@link #visited()}. Each call gives protectors with fresh replay windows, so one input
 * is judged the same however often it is run.
 */
public final class ExampleContexts {
    public static final N32fContextId INITIATOR = N32fContextId.parse("0123456789abcdef");
    public static final N32fContextId RESPONDER = N32fContextId.parse("fedcba9876543210");
    private static final N32fSessionKeys KEYS;

    static {
        byte[] master = new byte[64];
        for (int i = 0; i < master.length; i++) {
            master[i] = (byte) i;
        }
        KEYS = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(master)), INITIATOR, RESPONDER,
                JweEnc.A128GCM);
    }

    private ExampleContexts() {}

    /** The home SEPP (responder): decrypts requests with parallel_request_key. */
    public static N32fProtector home() {
        return new N32fProtector(new PrinsContext(N32Role.RESPONDER, RESPONDER, INITIATOR, KEYS));
    }

    /** The visited SEPP (initiator): decrypts responses with parallel_response_key. */
    public static N32fProtector visited() {
        return new N32fProtector(new PrinsContext(N32Role.INITIATOR, INITIATOR, RESPONDER, KEYS));
    }

    /** A sender of requests to {@link #home()} that starts at SEQ 0, as the example's. */
    public static N32fJweEncrypter requestSender() {
        return new N32fJweEncrypter(KEYS.key(N32KdfLabel.PARALLEL_REQUEST_KEY),
                KEYS.ivSalt(N32KdfLabel.PARALLEL_REQUEST_IV_SALT));
    }
}
