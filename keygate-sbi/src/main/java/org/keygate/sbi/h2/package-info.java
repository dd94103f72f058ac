/**
 * HTTP/2 as the server and the client both speak it, straight on Netty's connection handler ({@link
 * org.keygate.sbi.h2.H2Connection}: no per-stream channel, frame object or HTTP/1 object): SBI messages to and from
 * header blocks, and the flow-control windows a connection advertises.
 */
package org.keygate.sbi.h2;
