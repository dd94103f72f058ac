package org.keygate.n32.n32c.model;

import java.util.List;

/**
 * TS 29.573 6.1.6.2.13 IpxProviderSecInfo: the keys that verify a Roaming Intermediary's JWS modifications
 * (TS 33.501 13.2.2.2 step 3). DESIGN.md: rawPublicKeyList entries are base64 DER SubjectPublicKeyInfo,
 * certificateList entries base64 DER X.509.
 */
public record IpxProviderSecInfo(String ipxProviderId, List<String> rawPublicKeyList, List<String> certificateList) {
    public IpxProviderSecInfo {
        rawPublicKeyList = ModelLists.copy(rawPublicKeyList);
        certificateList = ModelLists.copy(certificateList);
    }
}
