package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;

/**
 * One interface of a security context. The wire form (SecurityInformation) names the interface either by
 * interfaceDetails or by aefId, never both (its schema's oneOf); the store keeps both, and {@code byInterface}
 * remembers which form the invoker used so the answer uses the same.
 */
public record StoredSecurityEntry(String apiId, String aefId, InterfaceDescription interfaceDetails,
        List<SecurityMethod> prefSecurityMethods, SecurityMethod selSecurityMethod, boolean byInterface) {

    /** As the invoker sees it. */
    SecurityInformation forInvoker() {
        return byInterface
                ? new SecurityInformation(interfaceDetails, null, apiId, prefSecurityMethods, selSecurityMethod, null, null)
                : new SecurityInformation(null, aefId, apiId, prefSecurityMethods, selSecurityMethod, null, null);
    }

    /** As the AEF sees it: by interface, since one AEF may serve several (AEFPSK is bound to one, DESIGN.md). */
    SecurityInformation forAef(String authenticationInfo, String authorizationInfo) {
        return new SecurityInformation(interfaceDetails, null, apiId, prefSecurityMethods, selSecurityMethod,
                authenticationInfo, authorizationInfo);
    }
}
