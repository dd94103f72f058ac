package org.keygate.sepp.n32f.forward;

import org.keygate.sbi.http.ProblemDetails;

/**
 * A request that could not be carried to the peer SEPP or whose answer could not be verified. {@link #problem()}
 * is what the NF that sent it gets (TS 29.500 5.2.7.2 causes); it names the reason, never message content or keys.
 */
public final class N32fForwardingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ProblemDetails problem;

    public N32fForwardingException(ProblemDetails problem) {
        super(problem.status() + " " + problem.cause() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemDetails problem() {
        return problem;
    }
}
