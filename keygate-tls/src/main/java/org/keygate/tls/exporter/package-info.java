/** The TLS exporter and the N32 master key. Starting point: {@link org.keygate.tls.exporter.TlsExporter}. */
package org.keygate.tls.exporter;
