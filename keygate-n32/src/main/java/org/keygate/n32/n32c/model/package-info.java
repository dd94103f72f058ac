/**
 * TS 29.573 6.1.6 data types of the N32 Handshake API ({@code /n32c-handshake/v1}), as immutable records named
 * after the OpenAPI schemas in {@code TS29573_N32_Handshake.yaml} (Rel-18, 1.3.0-alpha.5).
 *
 * <p>Starting points: {@link org.keygate.n32.n32c.model.SecNegotiateReqData},
 * {@link org.keygate.n32.n32c.model.SecParamExchReqData}. Every enumeration of the API is extensible
 * ({@code anyOf: [enum, string]}), so enumerated values are records around a string with the known values as
 * constants, and unknown JSON members are ignored on read (DESIGN.md: accept Rel-19 additions).
 * Required members are checked by {@link org.keygate.n32.n32c.model.N32cMessageChecks}, not by Jackson, so a
 * peer gets a ProblemDetails that names the missing IE.
 */
package org.keygate.n32.n32c.model;
