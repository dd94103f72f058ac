package org.keygate.sbi.config;

import java.util.List;

/** {@code tls} as written: the node's certificate chain, private key and TLS versions (docs/CONFIGURATION.md). */
public record RawTls(String certificateChain, String privateKey, List<String> protocols) {}
