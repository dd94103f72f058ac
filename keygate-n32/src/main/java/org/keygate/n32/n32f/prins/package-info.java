/**
 * PRINS per N32-f context (TS 33.501 13.2.4): reformatting plus JWE, in and out, with the right key for each
 * direction. Starting point: {@link org.keygate.n32.n32f.prins.N32fProtector}.
 */
package org.keygate.n32.n32f.prins;
