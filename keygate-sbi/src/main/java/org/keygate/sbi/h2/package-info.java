/**
 * HTTP/2 as the server and the client both speak it, straight on Netty's frame codec (no per-stream channel, no
 * HTTP/1 objects): SBI messages to and from header blocks, bodies gathered from DATA frames, and the flow-control
 * windows a connection advertises.
 */
package org.keygate.sbi.h2;
