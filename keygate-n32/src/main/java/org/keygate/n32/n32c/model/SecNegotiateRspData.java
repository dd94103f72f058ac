package org.keygate.n32.n32c.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * TS 29.573 6.1.6.2.3 SecNegotiateRspData: the mechanism the responding SEPP selected (TS 33.501 13.5 step 3).
 * {@code sender} and {@code selectedSecCapability} are mandatory. Rel-18 carries the N32-f ports as
 * {@code senderN32fPortList}, Rel-19 as {@code senderN32fPort} (swapped with the request) and adds
 * {@code n32KeepaliveTimer} and {@code n32HandshakeId}; keygate sends both port forms (see SecNegotiateReqData).
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
        List<Integer> senderN32fPortList,
        Integer senderN32fPort,
        Integer n32KeepaliveTimer,
        String n32HandshakeId) {

    public SecNegotiateRspData {
        plmnIdList = ModelLists.copy(plmnIdList);
        snpnIdList = ModelLists.copy(snpnIdList);
        allowedUsagePurpose = ModelLists.copy(allowedUsagePurpose);
        rejectedUsagePurpose = ModelLists.copy(rejectedUsagePurpose);
        senderN32fPortList = ModelLists.copy(senderN32fPortList);
    }

    /** The Rel-18 form (no Rel-19 members). */
    public SecNegotiateRspData(String sender, SecurityCapability selectedSecCapability,
            Boolean targetApiRootSupported, List<PlmnId> plmnIdList, List<PlmnIdNid> snpnIdList,
            List<IntendedN32Purpose> allowedUsagePurpose, List<IntendedN32Purpose> rejectedUsagePurpose,
            String supportedFeatures, String senderN32fFqdn, List<Integer> senderN32fPortList) {
        this(sender, selectedSecCapability, targetApiRootSupported, plmnIdList, snpnIdList, allowedUsagePurpose,
                rejectedUsagePurpose, supportedFeatures, senderN32fFqdn, senderN32fPortList, null, null, null);
    }

    /** The sender's N32-f ports, from whichever release's member carries them. */
    public List<Integer> n32fPorts() {
        if (senderN32fPortList != null) {
            return senderN32fPortList;
        }
        return senderN32fPort == null ? List.of() : List.of(senderN32fPort);
    }
}
