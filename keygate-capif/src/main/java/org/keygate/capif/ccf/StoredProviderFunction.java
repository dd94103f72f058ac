package org.keygate.capif.ccf;

import org.keygate.capif.model.ApiProviderFuncRole;

/** A registered API provider function (AEF, APF, AMF) of a provider domain. */
public record StoredProviderFunction(String apiProvFuncId, ApiProviderFuncRole role, String apiProvDomId) {}
