package org.keygate.sbi.config;

import java.util.List;

/**
 * {@code tls} as written: the node's certificate chain, private key, TLS versions and the data path's TLS provider
 * (docs/CONFIGURATION.md).
 */
public record RawTls(String certificateChain, String privateKey, List<String> protocols, String provider) {}
