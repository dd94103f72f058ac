/**
 * N32-f contexts: what two SEPPs agreed over N32-c and how long it lives (TS 33.501 13.2.2.4, 13.2.4.4.1).
 * Starting points: {@link org.keygate.sepp.context.N32fContext}, {@link org.keygate.sepp.context.N32fContextRegistry}.
 */
package org.keygate.sepp.context;
