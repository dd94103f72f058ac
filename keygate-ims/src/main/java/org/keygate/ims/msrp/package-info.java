/**
 * MSRP (RFC 4975) for the MRFP's chat conference.
 *
 * <p>Starting points: {@link org.keygate.ims.msrp.MsrpDecoder} and {@link org.keygate.ims.msrp.MsrpEncoder} (the
 * wire form, strict, with {@link org.keygate.ims.msrp.MsrpLimits}); {@link org.keygate.ims.msrp.ChatRelay} (the
 * conference: session binding RFC 4975 7.3, responses 7.2, Success- and Failure-Reports 7.1.2/7.3.1, chunk
 * forwarding 7.1.1) with {@link org.keygate.ims.msrp.MsrpRelayHandler} moving its messages over Netty; and
 * {@link org.keygate.ims.msrp.MsrpChunker} for senders.
 */
package org.keygate.ims.msrp;
