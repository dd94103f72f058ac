package org.keygate.sepp.n32f.forward;

import java.util.concurrent.atomic.AtomicLong;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.policy.EncryptionPlanner;

/**
 * PRINS state of one established N32-f context: its protector (nonce counters, replay windows, RI verification),
 * the encryption plans both SEPPs' policies ask for, and the messageId counter. Made once per context by
 * {@link PrinsSessions}: a second protector for the same context would reuse nonces.
 */
public final class PrinsSession {
    private final N32fContext context;
    private final N32fProtector protector;
    private final EncryptionPlanner planner;
    private final AtomicLong messageIds = new AtomicLong();

    PrinsSession(N32fContext context, N32fProtector protector, EncryptionPlanner planner) {
        this.context = context;
        this.protector = protector;
        this.planner = planner;
    }

    public N32fContext context() {
        return context;
    }

    public N32fProtector protector() {
        return protector;
    }

    public EncryptionPlanner planner() {
        return planner;
    }

    /** DESIGN.md: a decimal string, unique per context and direction. */
    public String nextMessageId() {
        return Long.toString(messageIds.getAndIncrement());
    }

    @Override
    public String toString() {
        return "PrinsSession[" + context + "]";
    }
}
