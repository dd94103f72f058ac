package org.keygate.sbi.http;

import java.util.List;

/**
 * TS 29.571 5.2.4.1 ProblemDetails, the body of every SBI error ({@code application/problem+json}). {@code cause}
 * carries the TS 29.500 5.2.7.2 application error; {@code detail} must say what went wrong without echoing peer
 * input or any key material.
 */
public record ProblemDetails(
        String type,
        String title,
        Integer status,
        String detail,
        String instance,
        String cause,
        List<InvalidParam> invalidParams) {

    public ProblemDetails {
        invalidParams = invalidParams == null || invalidParams.isEmpty() ? null : List.copyOf(invalidParams);
    }

    public static ProblemDetails of(int status, String title, String cause, String detail) {
        return new ProblemDetails(null, title, status, detail, null, cause, null);
    }
}
