/**
 * The CAPIF core function (TS 23.222 / TS 29.222 / TS 33.122). Starting point:
 * {@link org.keygate.capif.ccf.CapifCoreFunction}. Each CAPIF API is one {@code CcfResource}; refusals are
 * {@link org.keygate.capif.ccf.CapifCause}s. AEFPSK (TS 33.122 A.1) is derived lazily from the invoker's CAPIF-1e
 * session when the AEF first asks, and held in memory only.
 */
package org.keygate.capif.ccf;
