/**
 * Seconds until each certificate a node relies on expires (its own, its trust anchors, each partner's last-seen
 * leaf), as a gauge and as WARN lines at 30, 7 and 1 days: {@link org.keygate.tls.expiry.CertificateExpiry}.
 */
package org.keygate.tls.expiry;
