package org.keygate.n32.policy;

/**
 * What to do when a peer's protection policy does not match ours, by operator choice (TS 33.501 13.2.3.6):
 * report it to the peer with n32f-error POLICY_MISMATCH (TS 29.573 6.1.4.3.2) and end the context, or only
 * create a local warning.
 */
public enum PolicyMismatchAction {
    ERROR,
    WARN
}
