/**
 * N32-f: SBI messages between SEPPs protected by PRINS (TS 33.501 13.2.4, TS 29.573 5.3, 6.2). Subpackages hold
 * one concern each: {@code jwe} encrypts and integrity-protects reformatted messages.
 */
package org.keygate.n32.n32f;
