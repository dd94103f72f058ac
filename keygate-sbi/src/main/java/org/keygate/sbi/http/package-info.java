/**
 * Immutable HTTP values of the SBI (TS 29.500): {@link org.keygate.sbi.http.SbiRequest},
 * {@link org.keygate.sbi.http.SbiResponse}, {@link org.keygate.sbi.http.ProblemDetails} (TS 29.571 5.2.4.1) and the
 * application error causes {@link org.keygate.sbi.http.SbiCause} (TS 29.500 Table 5.2.7.2-1).
 */
package org.keygate.sbi.http;
