package org.keygate.tls.bc;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Setter checks the server and client builders share: one message per kind of mistake. */
final class ConfigChecks {
    private ConfigChecks() {}

    static List<TlsVersion> versions(List<TlsVersion> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions: [] (expected: TLS_1_3 and/or TLS_1_2)");
        }
        if (versions.stream().distinct().count() != versions.size()) {
            throw new IllegalArgumentException("versions: " + versions + " (expected: no repeats)");
        }
        return List.copyOf(versions);
    }

    static List<String> suites(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("cipherSuites: [] (expected: at least one)");
        }
        names.forEach(CipherSuites::named);
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("cipherSuites: " + names + " (expected: no repeats)");
        }
        return List.copyOf(names);
    }

    /** RFC 7301 3.1: protocol names are 1 to 255 octets. */
    static List<String> alpn(List<String> protocols) {
        for (String p : protocols) {
            int n = p.getBytes(StandardCharsets.UTF_8).length;
            if (n < 1 || n > 255) {
                throw new IllegalArgumentException("applicationProtocols: '" + p + "' (expected: 1 to 255 octets)");
            }
        }
        return List.copyOf(protocols);
    }

    /** Every enabled version needs a suite of its own, or the handshake could never succeed on it. */
    static void suitesCoverVersions(List<String> suites, List<TlsVersion> versions) {
        boolean has13 = suites.stream().anyMatch(s -> CipherSuites.named(s).kind() == CipherSuites.Kind.TLS13);
        boolean has12 = suites.stream().anyMatch(s -> CipherSuites.named(s).kind() != CipherSuites.Kind.TLS13);
        if (versions.contains(TlsVersion.TLS_1_3) && !has13) {
            throw new IllegalStateException("versions: TLS_1_3 enabled but cipherSuites " + suites
                    + " has no TLS 1.3 suite");
        }
        if (versions.contains(TlsVersion.TLS_1_2) && !has12) {
            throw new IllegalStateException("versions: TLS_1_2 enabled but cipherSuites " + suites
                    + " has no TLS 1.2 suite");
        }
    }
}
