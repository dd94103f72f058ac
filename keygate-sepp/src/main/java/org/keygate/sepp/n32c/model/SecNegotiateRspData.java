package org.keygate.sepp.n32c.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * TS 29.573 6.1.6.2.3 SecNegotiateRspData: the mechanism the responding SEPP selected (TS 33.501 13.5 step 3).
 * {@code sender} and {@code selectedSecCapability} are mandatory.
 */
public record SecNegotiateRspData(
        String sender,
        SecurityCapability selectedSecCapability,
        @JsonProperty("3GppSbiTargetApiRootSupported") Boolean targetApiRootSupported,
        List<PlmnId> plmnIdList,
        List<PlmnIdNid> snpnIdList,
        List<IntendedN32Purpose> allowedUsagePurpose,
        List<IntendedN32Purpose> rejectedUsagePurpose,
        String supportedFeatures,
        String senderN32fFqdn,
        List<Integer> senderN32fPortList) {

    public SecNegotiateRspData {
        plmnIdList = ModelLists.copy(plmnIdList);
        snpnIdList = ModelLists.copy(snpnIdList);
        allowedUsagePurpose = ModelLists.copy(allowedUsagePurpose);
        rejectedUsagePurpose = ModelLists.copy(rejectedUsagePurpose);
        senderN32fPortList = ModelLists.copy(senderN32fPortList);
    }
}
