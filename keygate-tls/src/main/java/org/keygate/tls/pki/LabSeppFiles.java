package org.keygate.tls.pki;

import java.nio.file.Path;

/** Where a lab SEPP's files were written: its PLMN's root CA, its certificate chain, its private key. */
public record LabSeppFiles(Path caCert, Path certChain, Path privateKey) {}
