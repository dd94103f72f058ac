package org.keygate.capif.model;

/** TS 29.222 8.7.4.2.3 ApiInvokerPolicy: one invoker allowed on a service API at an AEF. */
public record ApiInvokerPolicy(String apiInvokerId, Integer allowedTotalInvocations,
        Integer allowedInvocationsPerSecond) {}
