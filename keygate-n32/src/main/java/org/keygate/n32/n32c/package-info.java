/**
 * N32-c (TS 29.573 5.2, TS 33.501 13.2.2) without a node: which end of the handshake a SEPP was
 * ({@link org.keygate.n32.n32c.N32Role}); the messages and their checks are in {@code model}.
 */
package org.keygate.n32.n32c;
