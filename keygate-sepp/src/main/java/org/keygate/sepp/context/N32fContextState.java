package org.keygate.sepp.context;

/**
 * Lifecycle of an N32-f context. {@code TERMINATED} and {@code FAILED} are terminal: a context is never revived,
 * a new one with new context IDs is negotiated instead (TS 33.501 13.2.4.4.1: fresh IDs avoid key and IV re-use).
 */
public enum N32fContextState {
    /** PRINS: capability agreed and cipher suites being exchanged. */
    NEGOTIATING,
    /** Keys derived (PRINS) or TLS agreed: N32-f may flow. */
    ESTABLISHED,
    /** Ended by n32f-terminate from either side or by its lifetime running out. */
    TERMINATED,
    /** Ended by an error, e.g. a protection policy mismatch the operator treats as fatal (TS 33.501 13.2.3.6). */
    FAILED;

    public boolean isTerminal() {
        return this == TERMINATED || this == FAILED;
    }
}
