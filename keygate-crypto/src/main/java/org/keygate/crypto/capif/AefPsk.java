package org.keygate.crypto.capif;

import java.util.List;
import java.util.Objects;
import org.keygate.crypto.gba.KdfParameter;
import org.keygate.crypto.gba.Ts33220Kdf;
import org.keygate.crypto.secret.SecretBytes;

/**
 * AEFPSK (TS 33.122 5.2.2.1 and A.1): the pre-shared key of CAPIF-2e Method 1, derived by the API invoker and the
 * CCF from their CAPIF-1e TLS 1.2 session.
 *
 * <pre>AEFPSK = KDF(master secret, S), S = FC || P0 || L0 || P1 || L1   (TS 33.220 B.2.0)
 * FC = 0x7A, P0 = the AEF interface (DESIGN.md), P1 = the TLS session ID</pre>
 *
 * The master secret is the session's extended master secret (RFC 7627) when EMS was negotiated, as it must be on
 * CAPIF-1e.
 */
public final class AefPsk {
    /** TS 33.220 Table A.2-1 / TS 33.122 A.1: FC for the AEFPSK derivation. */
    public static final int FC = 0x7A;
    /** RFC 5246 8.1: a TLS 1.2 master secret is 48 octets. */
    public static final int MASTER_SECRET_LENGTH = 48;

    private AefPsk() {}

    /** The KDF input string S (contains no key). */
    public static byte[] inputString(AefInterfaceId aef, TlsSessionId sessionId) {
        return Ts33220Kdf.inputString(FC, parameters(aef, sessionId));
    }

    /** AEFPSK, 32 octets. */
    public static SecretBytes derive(SecretBytes masterSecret, AefInterfaceId aef, TlsSessionId sessionId) {
        Objects.requireNonNull(masterSecret, "masterSecret");
        if (masterSecret.length() != MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("master secret: " + masterSecret.length() + " octets (expected: "
                    + MASTER_SECRET_LENGTH + ", RFC 5246 8.1)");
        }
        return Ts33220Kdf.derive(masterSecret, FC, parameters(aef, sessionId));
    }

    private static List<KdfParameter> parameters(AefInterfaceId aef, TlsSessionId sessionId) {
        Objects.requireNonNull(aef, "aef");
        Objects.requireNonNull(sessionId, "sessionId");
        return List.of(KdfParameter.of(aef.p0()), KdfParameter.of(sessionId.octets()));
    }
}
