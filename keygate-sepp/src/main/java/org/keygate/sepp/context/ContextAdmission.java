package org.keygate.sepp.context;

/**
 * Asked by {@link N32fContextRegistry#put} before a new N32-f context becomes usable: a SEPP run as several instances
 * records each context's owner in the cluster's directory here (docs/CLUSTER.md), and refuses the context when it
 * cannot, since a context no other instance can find would strand the partner's messages that reach them.
 */
@FunctionalInterface
public interface ContextAdmission {
    /** A SEPP that runs alone admits every context. */
    ContextAdmission ALWAYS = context -> {};

    /** Returns when {@code context} may be used; throws {@link ContextRefusedException} to keep it out. */
    void admit(N32fContext context);
}
