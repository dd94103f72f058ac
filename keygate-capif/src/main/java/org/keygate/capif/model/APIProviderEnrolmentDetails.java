package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.9.4.2.2 APIProviderEnrolmentDetails: a provider domain's registration and the CCF's answer. */
public record APIProviderEnrolmentDetails(String apiProvDomId, String regSec,
        List<APIProviderFunctionDetails> apiProvFuncs, String apiProvDomInfo, String suppFeat, String failReason) {
    public APIProviderEnrolmentDetails {
        apiProvFuncs = apiProvFuncs == null ? null : List.copyOf(apiProvFuncs);
    }
}
