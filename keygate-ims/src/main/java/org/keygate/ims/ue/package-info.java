/**
 * A scripted UE's media side for the IMS lab and tests: {@link org.keygate.ims.ue.UeMediaLink}, one TLS-PSK TCP
 * media stream (MSRP or BFCP) with keygate's codecs.
 */
package org.keygate.ims.ue;
