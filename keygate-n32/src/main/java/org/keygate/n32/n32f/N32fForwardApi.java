package org.keygate.n32.n32f;

/**
 * The paths of the JOSE Protected Message Forwarding API (TS 29.573, TS29573_JOSEProtectedMessageForwarding.yaml):
 * the SEPP's N32-f server and the IPX node between two SEPPs serve the same resource.
 */
public final class N32fForwardApi {
    /** TS 29.573 6.2.1: apiRoot/n32f-forward/v1. */
    public static final String API_PREFIX = "/n32f-forward/v1";
    /** The one resource; N32fReformattedReqMsg is POSTed to it. */
    public static final String PROCESS = API_PREFIX + "/n32f-process";

    private N32fForwardApi() {}
}
