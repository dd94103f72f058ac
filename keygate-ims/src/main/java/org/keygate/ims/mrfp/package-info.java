/**
 * The MRFP (TS 23.333 5.20.2): TCP-based media (MSRP, BFCP) protected by TLS-PSK with the TEK of a MIKEY-TICKET crypto
 * session, driven by the MRFC.
 *
 * <p>Starting points: {@link org.keygate.ims.mrfp.Mrfp} (conferences, per-stream reservation, TCP and TLS roles, the
 * media handlers), {@link org.keygate.ims.mrfp.MrfpTls} (the TLS profile: TLS 1.2, RFC 5487 PSK suites, RFC 5746),
 * {@link org.keygate.ims.mrfp.MrfpControlApi} with {@link org.keygate.ims.mrfp.MrfpApi} (the JSON-over-HTTP control
 * interface, see docs/IMS.md) and {@link org.keygate.ims.mrfp.MrfpControlClient} (the MRFC's side).
 */
package org.keygate.ims.mrfp;
