/**
 * Immutable HTTP values of the SBI (TS 29.500): {@link org.keygate.sbi.http.SbiRequest},
 * {@link org.keygate.sbi.http.SbiResponse}, {@link org.keygate.sbi.http.ProblemDetails} (TS 29.571).
 */
package org.keygate.sbi.http;
