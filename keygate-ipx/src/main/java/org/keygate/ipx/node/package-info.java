/**
 * keygate's Roaming Intermediary (IPX) node (TS 33.501 13.1.2, 13.2.4.5; TS 29.573 6.2): an N32-f hop between two
 * SEPPs, TLS on both sides, that forwards {@code n32f-process} by its {@code :authority} and, where its
 * modification policy and rules say so, appends its signed modificationsBlock entry. It never holds N32-f keys: the
 * encrypted IEs stay encrypted through it. Starting points: {@link org.keygate.ipx.node.IpxNode},
 * {@link org.keygate.ipx.node.IpxNodeConfig} (read by {@code org.keygate.ipx.config.IpxConfigLoader}).
 */
package org.keygate.ipx.node;
