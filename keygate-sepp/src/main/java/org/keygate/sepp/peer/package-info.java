/**
 * Roaming partners: who the peer SEPPs are and how a TLS certificate is tied to one of them
 * (TS 33.501 13.1.2). Starting point: {@link org.keygate.sepp.peer.PeerDirectory}.
 */
package org.keygate.sepp.peer;
