/**
 * Edge checks of a SEPP (TS 33.501 5.9.3.2, TS 33.517 4.2.2): each a small class with a typed
 * {@link org.keygate.sepp.edge.EdgeCheckResult} whose failure carries an {@link org.keygate.sepp.edge.EdgeViolation}
 * (TS 29.500 cause, status, N32fErrorType for the n32f-error report).
 *
 * <p>Starting points: {@link org.keygate.sepp.edge.OriginatingNetworkIdCheck} ({@code 3gpp-Sbi-Originating-Network-Id}
 * inserted by the sending SEPP, checked by the receiving one), {@link org.keygate.sepp.edge.PlmnIdConsistencyCheck}
 * (PLMN IDs in the body and the access token), {@link org.keygate.sepp.edge.PeerRateLimiter} (token bucket per peer),
 * {@link org.keygate.sepp.edge.TopologyHiding} (own NF FQDNs in {@code Location} and similar headers). Decisions:
 * {@code docs/ROUTING.md}.
 */
package org.keygate.sepp.edge;
