/**
 * JSSE contexts for mutually authenticated SEPP-to-SEPP TLS, and PEM loading. Starting point:
 * {@link org.keygate.tls.jsse.MutualTls}.
 */
package org.keygate.tls.jsse;
