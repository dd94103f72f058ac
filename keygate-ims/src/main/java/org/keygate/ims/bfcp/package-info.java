/**
 * BFCP (RFC 4582) for the MRFP's conference floor control.
 *
 * <p>Starting points: {@link org.keygate.ims.bfcp.BfcpCodec} (the wire form, strict, with
 * {@link org.keygate.ims.bfcp.BfcpLimits}), {@link org.keygate.ims.bfcp.BfcpDecoder} and
 * {@link org.keygate.ims.bfcp.BfcpEncoder} on Netty, {@link org.keygate.ims.bfcp.FloorControlServer} (RFC 4582 13:
 * Hello, FloorRequest, FloorRelease, FloorRequestStatus, Error) with
 * {@link org.keygate.ims.bfcp.BfcpServerHandler}, and {@link org.keygate.ims.bfcp.BfcpMessages} to build attributes.
 */
package org.keygate.ims.bfcp;
