package org.keygate.capif.provider;

import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.tls.jsse.TlsKeyMaterial;

/** A registered provider function: its CCF-assigned ID, role, and key with the CCF-issued certificate. */
public record ProviderFunction(String id, ApiProviderFuncRole role, TlsKeyMaterial tls) {
    @Override
    public String toString() {
        return "ProviderFunction[" + role.value() + " " + id + "]";
    }
}
