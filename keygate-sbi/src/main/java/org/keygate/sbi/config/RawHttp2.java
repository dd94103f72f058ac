package org.keygate.sbi.config;

/**
 * {@code http2} as written: the windows of every listener and client of the node (docs/CONFIGURATION.md,
 * docs/PERFORMANCE.md).
 */
public record RawHttp2(Integer streamWindowBytes, Integer connectionWindowBytes) {}
