/**
 * The event loops a node's servers and clients share, so that a forwarded request stays on the thread its inbound
 * connection runs on (Netty's proxy pattern).
 */
package org.keygate.sbi.loop;
