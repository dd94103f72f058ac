package org.keygate.capif.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TS 29.222 8.7.4.2.3 Log: one service API invocation. {@code protocol} and {@code operation} are the Publish
 * API's extensible enumerations (8.2.4.3.x), so strings; {@code result} is the HTTP status code for HTTP;
 * {@code invocationTime} a TS 29.122 DateTime; {@code invocationLatency} DurationMs (milliseconds). The parameters are
 * any JSON value and are kept as given.
 */
public record Log(String apiId, String apiName, String apiVersion, String resourceName, String uri, String protocol,
        String operation, String result, String invocationTime, Long invocationLatency, JsonNode inputParameters,
        JsonNode outputParameters, InterfaceDescription srcInterface, InterfaceDescription destInterface,
        String fwdInterface) {}
