/**
 * The N32-c handshake between SEPPs (TS 33.501 13.2.2 and 13.5, TS 29.573 5.2): security capability negotiation,
 * parameter exchange with N32-f context IDs, protection policies and IPX security information, key agreement from
 * the TLS exporter, N32-f context termination and error reporting.
 *
 * <p>Starting points: {@link org.keygate.sepp.n32c.N32cService} (what the server side answers) and
 * {@link org.keygate.sepp.n32c.N32cHandshake} (what the initiator sends next). Both are protocol cores without
 * I/O; {@code server} and {@code client} move their messages over HTTP/2, {@code model} holds the API's types.
 */
package org.keygate.sepp.n32c;
