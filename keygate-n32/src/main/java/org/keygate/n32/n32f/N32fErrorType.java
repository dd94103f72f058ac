package org.keygate.n32.n32f;

/**
 * TS 29.573 6.1.6.3.x N32fErrorType: why an N32-f message was refused, reported to the sending SEPP with
 * n32f-error and in the forwarding API's errors. The enumeration is extensible on the wire; these are the values
 * keygate raises.
 */
public enum N32fErrorType {
    INTEGRITY_CHECK_FAILED,
    INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED,
    MODIFICATIONS_INSTRUCTIONS_FAILED,
    DECIPHERING_FAILED,
    MESSAGE_RECONSTRUCTION_FAILED,
    CONTEXT_NOT_FOUND,
    INTEGRITY_KEY_EXPIRED,
    ENCRYPTION_KEY_EXPIRED,
    POLICY_MISMATCH
}
