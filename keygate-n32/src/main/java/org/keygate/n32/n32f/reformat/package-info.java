/**
 * Reformatting of SBI messages for N32-f (TS 33.501 13.2.4.3, 13.2.4.7; DESIGN.md "Payload", "Path and query"):
 * the sender's {@link org.keygate.n32.n32f.reformat.N32fReformatter} and the receiver's
 * {@link org.keygate.n32.n32f.reformat.N32fReconstructor}, driven by an
 * {@link org.keygate.n32.n32f.reformat.EncryptionPlan}. No I/O, no keys.
 */
package org.keygate.n32.n32f.reformat;
