/**
 * The producer-side SEPP's last hop: requests that arrived from a peer over N32-f go to the NFs of this PLMN that
 * the operator configured by authority ({@link org.keygate.sepp.nf.NfRoutes}); any other target is refused, so a
 * peer can never use this SEPP as an open proxy into the PLMN.
 */
package org.keygate.sepp.nf;
