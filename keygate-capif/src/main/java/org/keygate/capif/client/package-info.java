/**
 * Calling the CCF's CAPIF APIs (CAPIF-1e for invokers, CAPIF-3/4/5 for provider functions) over HTTP/1.1 on the BC
 * TLS handler, with typed answers and a {@link org.keygate.capif.client.CapifCallException} carrying the
 * ProblemDetails cause when a step is refused. Starting point: {@link org.keygate.capif.client.CcfEndpoint}.
 */
package org.keygate.capif.client;
