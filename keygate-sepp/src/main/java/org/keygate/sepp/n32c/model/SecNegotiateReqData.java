package org.keygate.sepp.n32c.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * TS 29.573 6.1.6.2.2 SecNegotiateReqData: the initiating SEPP's security capabilities in its priority order
 * (TS 33.501 13.5 step 1). {@code sender} and {@code supportedSecCapabilityList} are mandatory.
 */
public record SecNegotiateReqData(
        String sender,
        List<SecurityCapability> supportedSecCapabilityList,
        // The OpenAPI name breaks TS 29.501 naming (kept by 3GPP for backward compatibility).
        @JsonProperty("3GppSbiTargetApiRootSupported") Boolean targetApiRootSupported,
        List<PlmnId> plmnIdList,
        List<PlmnIdNid> snpnIdList,
        PlmnId targetPlmnId,
        PlmnIdNid targetSnpnId,
        List<IntendedN32Purpose> intendedUsagePurpose,
        String supportedFeatures,
        String senderN32fFqdn,
        Integer senderN32fPort) {

    public SecNegotiateReqData {
        supportedSecCapabilityList = ModelLists.copy(supportedSecCapabilityList);
        plmnIdList = ModelLists.copy(plmnIdList);
        snpnIdList = ModelLists.copy(snpnIdList);
        intendedUsagePurpose = ModelLists.copy(intendedUsagePurpose);
    }
}
