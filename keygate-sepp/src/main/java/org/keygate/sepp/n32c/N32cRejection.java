package org.keygate.sepp.n32c;

import java.util.List;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.sbi.http.ProblemDetails;

/**
 * An N32-c request or response refused with a ProblemDetails. Thrown by the protocol core, turned into the HTTP
 * answer by the server handler, and into a failed handshake by the client. Messages carry no key material and
 * no peer input beyond IE names.
 */
public final class N32cRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ProblemDetails problem;

    public N32cRejection(ProblemDetails problem) {
        super(problem.status() + " " + problem.cause() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemDetails problem() {
        return problem;
    }

    public static N32cRejection of(int status, String title, String cause, String detail) {
        return new N32cRejection(ProblemDetails.of(status, title, cause, detail));
    }

    public static N32cRejection withParams(int status, String title, String cause, String detail,
            List<InvalidParam> params) {
        ProblemDetails p = ProblemDetails.of(status, title, cause, detail);
        return new N32cRejection(new ProblemDetails(p.type(), p.title(), p.status(), p.detail(), p.instance(),
                p.cause(), params));
    }
}
