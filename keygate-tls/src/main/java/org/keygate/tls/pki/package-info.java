/**
 * A lab PKI for SEPPs, for labs and tests (never production). Starting point: {@link org.keygate.tls.pki.LabPki}.
 */
package org.keygate.tls.pki;
