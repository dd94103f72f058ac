/**
 * Trust in peer SEPPs: a trust anchor per remote PLMN (TS 33.501 13.1.2). Starting points:
 * {@link org.keygate.tls.trust.PlmnTrustAnchors}, {@link org.keygate.tls.trust.PlmnTrustManager}.
 */
package org.keygate.tls.trust;
