package org.keygate.capif.ccf;

import org.keygate.sbi.http.ProblemDetails;

/** A refusal that becomes a ProblemDetails answer. */
public final class CapifException extends RuntimeException {
    private final transient ProblemDetails problem;

    public CapifException(ProblemDetails problem) {
        super(problem.cause() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemDetails problem() {
        return problem;
    }
}
