package org.keygate.sepp.edge;

import java.util.Objects;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiResponse;

/**
 * The outcome of one edge check: {@link Pass} with the (possibly rewritten) value to go on with, or {@link Fail}
 * with the violation and the ProblemDetails to answer with. A failed message is dropped (TS 33.501 5.9.3.2).
 */
public sealed interface EdgeCheckResult<T> {

    record Pass<T>(T value) implements EdgeCheckResult<T> {
        public Pass {
            Objects.requireNonNull(value, "value");
        }
    }

    record Fail<T>(EdgeViolation violation, ProblemDetails problem) implements EdgeCheckResult<T> {
        public Fail {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(problem, "problem");
        }

        public SbiResponse response() {
            return SbiResponse.problem(problem);
        }
    }

    static <T> Fail<T> fail(EdgeViolation violation, String detail) {
        return new Fail<>(violation, violation.problem(detail));
    }

    default boolean passed() {
        return this instanceof Pass;
    }
}
