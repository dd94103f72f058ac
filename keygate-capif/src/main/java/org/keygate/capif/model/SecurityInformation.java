package org.keygate.capif.model;

import java.util.List;

/**
 * TS 29.222 8.5.4.2.3 SecurityInformation: one AEF interface of one API for one invoker. The invoker sends
 * {@code prefSecurityMethods}; the CCF answers with {@code selSecurityMethod}; to the AEF only, the CCF adds
 * {@code authenticationInfo} (PSK: AEFPSK, base64, DESIGN.md) and {@code authorizationInfo}.
 */
public record SecurityInformation(InterfaceDescription interfaceDetails, String aefId, String apiId,
        List<SecurityMethod> prefSecurityMethods, SecurityMethod selSecurityMethod, String authenticationInfo,
        String authorizationInfo) {
    public SecurityInformation {
        prefSecurityMethods = prefSecurityMethods == null ? null : List.copyOf(prefSecurityMethods);
    }

    public SecurityInformation selected(SecurityMethod method) {
        return new SecurityInformation(interfaceDetails, aefId, apiId, prefSecurityMethods, method, null, null);
    }

    public SecurityInformation withInfo(String authentication, String authorization) {
        return new SecurityInformation(interfaceDetails, aefId, apiId, prefSecurityMethods, selSecurityMethod,
                authentication, authorization);
    }

    @Override
    public String toString() {
        // authenticationInfo may carry AEFPSK: never printed.
        return "SecurityInformation[aefId=" + aefId + ", apiId=" + apiId + ", selSecurityMethod="
                + (selSecurityMethod == null ? null : selSecurityMethod.value()) + "]";
    }
}
