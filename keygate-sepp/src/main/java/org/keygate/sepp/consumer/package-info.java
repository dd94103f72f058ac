/**
 * The consumer-side SEPP (cSEPP): the listener for this PLMN's NFs (or SCP), which routes each request to a
 * partner ({@link org.keygate.sepp.routing}), applies the sending-side edge rules ({@link org.keygate.sepp.edge}),
 * makes sure an N32-f context exists (handshake on demand), and forwards in the mode the context selected.
 */
package org.keygate.sepp.consumer;
