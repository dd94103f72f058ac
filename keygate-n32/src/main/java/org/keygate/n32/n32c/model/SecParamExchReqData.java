package org.keygate.n32.n32c.model;

import java.util.List;

/**
 * TS 29.573 6.1.6.2.7 SecParamExchReqData. keygate sends three of these on one N32-c connection (DESIGN.md):
 * cipher suites, then protection policy, then IPX security information; a combined one is accepted.
 * {@code n32fContextId} (the initiator's) is mandatory.
 */
public record SecParamExchReqData(
        String n32fContextId,
        List<String> jweCipherSuiteList,
        List<String> jwsCipherSuiteList,
        ProtectionPolicy protectionPolicyInfo,
        List<IpxProviderSecInfo> ipxProviderSecInfoList,
        String sender) {

    public SecParamExchReqData {
        jweCipherSuiteList = ModelLists.copy(jweCipherSuiteList);
        jwsCipherSuiteList = ModelLists.copy(jwsCipherSuiteList);
        ipxProviderSecInfoList = ModelLists.copy(ipxProviderSecInfoList);
    }
}
