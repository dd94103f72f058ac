/**
 * Routing on the consumer side of a SEPP: which partner an NF's request goes to, or why it goes nowhere.
 *
 * <p>Starting points: {@link org.keygate.sepp.routing.SbiRouter} (request in, sealed
 * {@link org.keygate.sepp.routing.RoutingDecision} out), {@link org.keygate.sepp.routing.RoutingSettings} (own PLMNs,
 * per-partner {@link org.keygate.sepp.routing.PeerRoute} allowlists), {@link org.keygate.sepp.routing.TelescopicFqdns}
 * and the {@code nsepp-telescopic} API {@link org.keygate.sepp.routing.TelescopicMappingHandler}.
 *
 * <p>Clauses: TS 29.500 5.2.3.2.4 and 6.1 ({@code 3gpp-Sbi-Target-apiRoot}), 6.14 (inter-PLMN purpose);
 * TS 33.501 13.1.1.1 (telescopic FQDN), 13.1.1.2, 5.9.3.2; TS 23.003 28.2, 28.5.2; TS 29.573 6.3. Decisions:
 * {@code docs/ROUTING.md}.
 */
package org.keygate.sepp.routing;
