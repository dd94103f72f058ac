/**
 * The JWE of N32-f (TS 33.501 13.2.4.4, TS 33.210 JOSE profile): flattened JSON, alg "dir", AES-GCM with the
 * N32-f context's keys and the nonce IV salt || SEQ, anti-replay at the receiver. Starting points:
 * {@link org.keygate.n32.n32f.jwe.N32fJweEncrypter}, {@link org.keygate.n32.n32f.jwe.N32fJweDecrypter}.
 */
package org.keygate.n32.n32f.jwe;
