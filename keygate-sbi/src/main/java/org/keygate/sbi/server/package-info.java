/**
 * The SBI server: HTTP/2 (and HTTP/1.1) over TLS or cleartext on Netty, body limits, ProblemDetails on failure.
 * Starting points: {@link org.keygate.sbi.server.SbiServer}, {@link org.keygate.sbi.server.SbiHandler}.
 */
package org.keygate.sbi.server;
