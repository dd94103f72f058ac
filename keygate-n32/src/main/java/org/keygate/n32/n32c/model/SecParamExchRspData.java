package org.keygate.n32.n32c.model;

import java.util.List;

/**
 * TS 29.573 6.1.6.2.8 SecParamExchRspData: the responder's N32-f context ID and its answers to the parts of the
 * request it received. {@code n32fContextId} (the responder's) is mandatory.
 */
public record SecParamExchRspData(
        String n32fContextId,
        String selectedJweCipherSuite,
        String selectedJwsCipherSuite,
        ProtectionPolicy selProtectionPolicyInfo,
        List<IpxProviderSecInfo> ipxProviderSecInfoList,
        String sender) {

    public SecParamExchRspData {
        ipxProviderSecInfoList = ModelLists.copy(ipxProviderSecInfoList);
    }
}
