/**
 * JSSE contexts for mutually authenticated SEPP-to-SEPP TLS, PEM loading, and the data path's TLS provider. Starting
 * points: {@link org.keygate.tls.jsse.MutualTls} (one context per plane, trust by PLMN anchor) and
 * {@link org.keygate.tls.jsse.TlsEngines} (the SSLEngines of a listener or client on the JDK's engine or on BoringSSL,
 * {@link org.keygate.tls.jsse.TlsProvider}, over the same key and trust managers).
 */
package org.keygate.tls.jsse;
