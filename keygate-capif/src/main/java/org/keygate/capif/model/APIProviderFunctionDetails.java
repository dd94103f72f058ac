package org.keygate.capif.model;

/** TS 29.222 8.9.4.2.3 APIProviderFunctionDetails: one AEF, APF or AMF of a provider domain. */
public record APIProviderFunctionDetails(String apiProvFuncId, RegistrationInformation regInfo,
        ApiProviderFuncRole apiProvFuncRole, String apiProvFuncInfo) {}
