package org.keygate.n32.n32c.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * TS 29.573 6.1.6.2.2 SecNegotiateReqData: the initiating SEPP's security capabilities in its priority order
 * (TS 33.501 13.5 step 1). {@code sender} and {@code supportedSecCapabilityList} are mandatory.
 *
 * <p>Both releases' forms: Rel-18 (1.3.0) carries the N32-f port as {@code senderN32fPort}, Rel-19 (1.4.0) as
 * {@code senderN32fPortList} and adds {@code n32KeepaliveTimer} (seconds) and {@code n32HandshakeId}. A receiver
 * ignores members its release does not know (TS 29.501 5.2.7), so keygate sends both port forms.
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
        Integer senderN32fPort,
        List<Integer> senderN32fPortList,
        Integer n32KeepaliveTimer,
        String n32HandshakeId) {

    public SecNegotiateReqData {
        supportedSecCapabilityList = ModelLists.copy(supportedSecCapabilityList);
        plmnIdList = ModelLists.copy(plmnIdList);
        snpnIdList = ModelLists.copy(snpnIdList);
        intendedUsagePurpose = ModelLists.copy(intendedUsagePurpose);
        senderN32fPortList = ModelLists.copy(senderN32fPortList);
    }

    /** The Rel-18 form (no Rel-19 members). */
    public SecNegotiateReqData(String sender, List<SecurityCapability> supportedSecCapabilityList,
            Boolean targetApiRootSupported, List<PlmnId> plmnIdList, List<PlmnIdNid> snpnIdList, PlmnId targetPlmnId,
            PlmnIdNid targetSnpnId, List<IntendedN32Purpose> intendedUsagePurpose, String supportedFeatures,
            String senderN32fFqdn, Integer senderN32fPort) {
        this(sender, supportedSecCapabilityList, targetApiRootSupported, plmnIdList, snpnIdList, targetPlmnId,
                targetSnpnId, intendedUsagePurpose, supportedFeatures, senderN32fFqdn, senderN32fPort, null, null,
                null);
    }

    /** The sender's N32-f ports, from whichever release's member carries them. */
    public List<Integer> n32fPorts() {
        if (senderN32fPortList != null) {
            return senderN32fPortList;
        }
        return senderN32fPort == null ? List.of() : List.of(senderN32fPort);
    }
}
