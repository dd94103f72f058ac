package org.keygate.n32.n32c;

/** Which end of the first N32-c connection this SEPP was (TS 33.501 13.2.2.2). */
public enum N32Role {
    /** Opened the first N32-c connection; its N32-f client traffic uses the parallel_* keys. */
    INITIATOR,
    /** Accepted it; its N32-f client traffic uses the reverse_* keys over a second connection. */
    RESPONDER
}
