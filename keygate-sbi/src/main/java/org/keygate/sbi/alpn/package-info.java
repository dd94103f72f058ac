/**
 * ALPN over the JDK's own SSLEngine, shared by the SBI server and client. Starting point:
 * {@link org.keygate.sbi.alpn.JdkAlpnHandler}.
 */
package org.keygate.sbi.alpn;
