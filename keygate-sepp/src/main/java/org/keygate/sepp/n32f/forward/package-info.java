/**
 * N32-f forwarding with PRINS (TS 29.573 6.2, {@code n32f-process}): the receiving side
 * ({@link org.keygate.sepp.n32f.forward.N32fProcessHandler}), the sending side
 * ({@link org.keygate.sepp.n32f.forward.N32fForwarder}), and the per-context state both share
 * ({@link org.keygate.sepp.n32f.forward.PrinsSessions}).
 */
package org.keygate.sepp.n32f.forward;
