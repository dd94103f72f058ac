package org.keygate.capif.client;

/** A CAPIF call that was refused or failed: the step, the HTTP status and the ProblemDetails cause if any. */
public final class CapifCallException extends Exception {
    private final int status;
    private final String cause;

    public CapifCallException(String step, int status, String cause, String detail) {
        super(step + " refused: " + status + (cause == null ? "" : " " + cause) + (detail == null ? "" : " (" + detail + ")"));
        this.status = status;
        this.cause = cause;
    }

    public CapifCallException(String step, Throwable failure) {
        super(step + " failed: " + describe(failure), failure);
        this.status = 0;
        this.cause = null;
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while ((root instanceof java.util.concurrent.CompletionException
                || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The HTTP status; 0 when no answer came (TLS or connection failure). */
    public int status() {
        return status;
    }

    /** The ProblemDetails cause, or null. */
    public String problemCause() {
        return cause;
    }
}
