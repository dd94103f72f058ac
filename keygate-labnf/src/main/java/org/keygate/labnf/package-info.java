/**
 * Home-network NFs for the roaming lab and the load benchmark, small but real: a UDM serving Nudm_UEAU Generate Auth
 * Data with 5G HE AVs computed by MILENAGE and the TS 33.501 Annex A KDFs ({@link
 * org.keygate.labnf.UdmUeauHandler}), and an AUSF serving Nausf_UEAuthentication 5G AKA toward it ({@link
 * org.keygate.labnf.AusfUeAuthenticationHandler}). Starting point: {@link org.keygate.labnf.LabHomeNetwork}.
 *
 * <p>Clauses: TS 29.503 5.4.2.2, TS 29.509 5.2.2.2, TS 33.501 6.1.3.2, TS 33.102 6.3, TS 35.206. Not a production
 * UDM: subscribers and SQNs live in memory, only the null SUCI scheme is de-concealed.
 */
package org.keygate.labnf;
