package org.keygate.sbi.h2;

import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Where an HTTP/2 connection's flushes are gathered: between the frame codec and the handler that writes frames.
 * A forwarding node writes an answer on one connection while reading another (the answer to a forwarded request
 * arrives on the upstream connection), so flushing each message at once costs one write system call and one TLS
 * record per message; gathered, the messages that one pass of the event loop produced leave in one write. Flushes
 * during a read wait for its end; others run once the current pass of the loop is done (Netty's
 * {@link FlushConsolidationHandler}: a delay of one loop pass, no timer). Measured in docs/PERFORMANCE.md (writes per
 * request, issue 10).
 */
public final class H2Flushes {
    /** A flush is let through after this many were gathered, so a long pass still sends what it made. */
    static final int MAX_GATHERED = 256;

    private H2Flushes() {}

    /** A new handler for one connection (it keeps that connection's state). */
    public static FlushConsolidationHandler gathering() {
        return new FlushConsolidationHandler(MAX_GATHERED, true);
    }
}
