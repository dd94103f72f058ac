package org.keygate.n32.policy;

import java.util.List;
import java.util.Optional;
import org.keygate.crypto.n32.JweEnc;

/**
 * The responding SEPP's choice of JWE and JWS cipher suites (TS 33.501 13.2.2.2 step 1b): the first suite in
 * local priority order that the initiator offered. JWS is ES256 only (TS 33.501 13.2.4.9).
 */
public final class CipherSuiteSelection {
    /** TS 33.501 13.2.4.9: SEPPs and Roaming Intermediaries shall only use ES256. */
    public static final String JWS_ES256 = "ES256";

    private CipherSuiteSelection() {}

    public static Optional<JweEnc> selectJwe(List<JweEnc> localPriority, List<String> offered) {
        return localPriority.stream().filter(s -> offered.contains(s.joseName())).findFirst();
    }

    public static Optional<String> selectJws(List<String> localPriority, List<String> offered) {
        return localPriority.stream().filter(offered::contains).findFirst();
    }
}
