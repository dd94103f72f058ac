/**
 * The N32-c client: outbound connections to peer SEPPs and the driver of the initiator's handshake, with
 * timeouts and retries. Starting point: {@link org.keygate.sepp.n32c.client.N32cInitiator}.
 */
package org.keygate.sepp.n32c.client;
