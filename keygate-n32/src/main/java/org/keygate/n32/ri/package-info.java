/**
 * Roaming Intermediaries (IPX): the keys that verify their modifications, as exchanged over N32-c
 * (TS 33.501 13.2.2.2 step 3, 13.2.4.5). Starting point: {@link org.keygate.n32.ri.IpxVerificationKeys}.
 */
package org.keygate.n32.ri;
