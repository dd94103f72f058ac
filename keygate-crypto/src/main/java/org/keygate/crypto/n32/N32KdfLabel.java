package org.keygate.crypto.n32;

/**
 * The eight N32-KDF labels of TS 33.501 13.2.4.4.1: four JWE keys and four IV salts. "parallel" ones protect the
 * HTTP session where the N32-c initiator is the client, "reverse" ones the session where the responder is.
 */
public enum N32KdfLabel {
    PARALLEL_REQUEST_KEY("parallel_request_key", Side.RESPONDER),
    PARALLEL_REQUEST_IV_SALT("parallel_request_iv_salt", Side.RESPONDER),
    PARALLEL_RESPONSE_KEY("parallel_response_key", Side.INITIATOR),
    PARALLEL_RESPONSE_IV_SALT("parallel_response_iv_salt", Side.INITIATOR),
    REVERSE_REQUEST_KEY("reverse_request_key", Side.INITIATOR),
    REVERSE_REQUEST_IV_SALT("reverse_request_iv_salt", Side.INITIATOR),
    REVERSE_RESPONSE_KEY("reverse_response_key", Side.RESPONDER),
    REVERSE_RESPONSE_IV_SALT("reverse_response_iv_salt", Side.RESPONDER);

    /** Whose context ID enters the KDF for this label. */
    public enum Side { INITIATOR, RESPONDER }

    private final String label;
    private final Side contextIdOf;

    N32KdfLabel(String label, Side contextIdOf) {
        this.label = label;
        this.contextIdOf = contextIdOf;
    }

    /** The exact ASCII label of TS 33.501 13.2.4.4.1. */
    public String label() {
        return label;
    }

    /**
     * DESIGN.md's binding rule: the context ID input is the one the protected message carries, i.e. the receiving
     * SEPP's own. A parallel request is received by the responder; a parallel response by the initiator; a
     * reverse request by the initiator; a reverse response by the responder.
     */
    public Side contextIdOf() {
        return contextIdOf;
    }

    public boolean isIvSalt() {
        return label.endsWith("_iv_salt");
    }
}
