package org.keygate.capif.ccf;

import org.keygate.capif.model.APIProviderEnrolmentDetails;
import org.keygate.capif.store.CapifStore;
import org.keygate.capif.store.StoreMap;

/** The CCF's maps in its {@link CapifStore}, one per resource kind. */
final class CcfState {
    final StoreMap<StoredInvoker> invokers;
    final StoreMap<APIProviderEnrolmentDetails> providerDomains;
    final StoreMap<StoredProviderFunction> providerFunctions;
    final StoreMap<StoredService> services;
    final StoreMap<StoredSecurityContext> securityContexts;
    final StoreMap<StoredSubscription> subscriptions;
    final StoreMap<StoredInvocationLog> invocationLogs;

    CcfState(CapifStore store) {
        invokers = store.map("invokers", StoredInvoker.class);
        providerDomains = store.map("providerDomains", APIProviderEnrolmentDetails.class);
        providerFunctions = store.map("providerFunctions", StoredProviderFunction.class);
        services = store.map("services", StoredService.class);
        securityContexts = store.map("securityContexts", StoredSecurityContext.class);
        subscriptions = store.map("eventSubscriptions", StoredSubscription.class);
        invocationLogs = store.map("invocationLogs", StoredInvocationLog.class);
    }
}
