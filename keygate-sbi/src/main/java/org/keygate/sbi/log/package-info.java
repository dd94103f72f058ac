/**
 * What may reach a log line from a peer. Starting point: {@link org.keygate.sbi.log.PeerValue}: every value a peer
 * controls (a message ID, a path, a ProblemDetails detail, an authority) goes through it before it is logged, so that
 * it can neither forge a line of its own nor grow a line without bound (issue 12 item 3).
 */
package org.keygate.sbi.log;
