package org.keygate.capif.ccf;

import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * Sees every request the CCF answered and its answer, after the fact (audit trails, conformance checks against the
 * OpenAPI files). It must not block. Bodies may carry AEFPSK ({@code authenticationInfo}) and tokens: an observer
 * that records them must treat them as keys.
 */
@FunctionalInterface
public interface CcfExchangeObserver {
    CcfExchangeObserver NONE = (request, response) -> {};

    void exchanged(SbiRequest request, SbiResponse response);
}
