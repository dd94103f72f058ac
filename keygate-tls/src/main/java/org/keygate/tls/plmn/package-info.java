/**
 * PLMN identities: {@link org.keygate.tls.plmn.PlmnId} (TS 29.571) and what a SEPP certificate proves about its
 * holder, {@link org.keygate.tls.plmn.PeerIdentity} (TS 33.501 13.1.2).
 */
package org.keygate.tls.plmn;
