/**
 * SDP for TS 23.333 5.20 media: {@code TCP/TLS/MSRP} and {@code TCP/TLS/BFCP} with RFC 4145 {@code a=setup}, RFC 4567
 * {@code a=key-mgmt:mikey}, RFC 4975 {@code a=path} and RFC 4583 floor attributes.
 *
 * <p>Starting points: {@link org.keygate.ims.sdp.SdpCodec} (write, and strict parse through JAIN-SIP's
 * {@code javax.sdp}), {@link org.keygate.ims.sdp.SecureMediaSdp} and {@link org.keygate.ims.sdp.TcpMedia} (the values),
 * {@link org.keygate.ims.sdp.MediaRoles} (TCP roles by RFC 4145, TLS roles by RFC 6135 and RFC 4583).
 */
package org.keygate.ims.sdp;
