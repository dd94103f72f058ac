/** {@code keygate pki}: a lab PKI for SEPPs (root CA per PLMN, SEPP certificates with PLMN SANs). */
package org.keygate.cli.pki;
