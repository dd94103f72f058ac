/**
 * The N32-c server: HTTP routing, request decoding and ProblemDetails for the N32 Handshake API
 * (TS 29.573 6.1). Starting point: {@link org.keygate.sepp.n32c.server.N32cServerHandler}.
 */
package org.keygate.sepp.n32c.server;
