package org.keygate.ims.mikey;

import java.util.List;
import java.util.Objects;

/**
 * One GENERIC-ID map block (RFC 6043 6.1.1): CS ID, Prot type, S flag, the security policy numbers (#P, at most
 * 127; exactly 1 in responses), Session Data and SPI (both may be empty in an initial message).
 */
public record CryptoSession(int csId, ProtType protType, boolean s, List<Integer> policyNos, Octets sessionData,
        Octets spi) {
    public CryptoSession {
        Fields.u8("CS ID", csId);
        Objects.requireNonNull(protType, "protType");
        policyNos = List.copyOf(policyNos);
        Fields.u7("#P", policyNos.size());
        policyNos.forEach(p -> Fields.u8("Policy_no", p));
        Fields.len16("Session Data", sessionData);
        Fields.len8("SPI", spi);
    }
}
