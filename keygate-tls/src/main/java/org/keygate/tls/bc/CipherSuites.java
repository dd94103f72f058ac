package org.keygate.tls.bc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;

/**
 * The cipher suites the BC handler offers, by IANA name, and how each authenticates: the PSK suites of RFC 5487 and
 * RFC 8442 that 3GPP names (TS 33.122 for CAPIF-2e, TS 33.328 for IMS media), the ECDHE AES-GCM certificate suites
 * of the TS 33.210 6.2.3 profile, and the TLS 1.3 AES-GCM suites. No ChaCha20-Poly1305: the 3GPP profiles do not
 * name it, and BC's JCA crypto finds it only in the BC provider, while this handler runs on the JDK's providers.
 */
final class CipherSuites {
    /** How a suite authenticates; TLS 1.3 suites do not say, the PSK or certificate choice is the handshake's. */
    enum Kind { TLS13, PSK, CERTIFICATE_ECDSA, CERTIFICATE_RSA }

    record Suite(String name, int code, Kind kind) {}

    private static final Map<String, Suite> BY_NAME = new LinkedHashMap<>();

    static {
        // RFC 8446 B.4
        add("TLS_AES_128_GCM_SHA256", CipherSuite.TLS_AES_128_GCM_SHA256, Kind.TLS13);
        add("TLS_AES_256_GCM_SHA384", CipherSuite.TLS_AES_256_GCM_SHA384, Kind.TLS13);
        // RFC 8442 3 and RFC 5487 3.1 / 3.2 (the GCM suites of RFC 4279's PSK families)
        add("TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256, Kind.PSK);
        add("TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", CipherSuite.TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384, Kind.PSK);
        add("TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", CipherSuite.TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, Kind.PSK);
        add("TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", CipherSuite.TLS_DHE_PSK_WITH_AES_256_GCM_SHA384, Kind.PSK);
        add("TLS_PSK_WITH_AES_128_GCM_SHA256", CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256, Kind.PSK);
        add("TLS_PSK_WITH_AES_256_GCM_SHA384", CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384, Kind.PSK);
        // RFC 5487 3.3 / 3.4: CBC with SHA-256/384, which RFC 5487 lists and some media peers still use
        add("TLS_PSK_WITH_AES_128_CBC_SHA256", CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256, Kind.PSK);
        add("TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", CipherSuite.TLS_DHE_PSK_WITH_AES_128_CBC_SHA256, Kind.PSK);
        add("TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, Kind.PSK);
        // RFC 7905 2: ChaCha20-Poly1305, the ECDHE_PSK AEAD suite OpenSSL and GnuTLS implement
        add("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
                Kind.PSK);
        add("TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256, Kind.PSK);
        // RFC 5289 3
        add("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                Kind.CERTIFICATE_ECDSA);
        add("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                Kind.CERTIFICATE_ECDSA);
        add("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                Kind.CERTIFICATE_RSA);
        add("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                Kind.CERTIFICATE_RSA);
    }

    /**
     * TS 33.122 6.5.2 (CAPIF-2e, DESIGN.md) first, then the other GCM PSK suites of RFC 5487; SHA-256 TLS 1.3 suites
     * only, because an external PSK is bound to one hash (RFC 8446 4.2.11) and SHA-256 is what OpenSSL and GnuTLS
     * assume for an external PSK.
     */
    static final List<String> DEFAULT_PSK = List.of("TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384");

    /** TS 33.210 6.2.3 profile: ECDHE with AES-GCM. */
    static final List<String> DEFAULT_CERTIFICATE = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    private CipherSuites() {}

    private static void add(String name, int code, Kind kind) {
        BY_NAME.put(name, new Suite(name, code, kind));
    }

    /** The suite of an IANA name; throws, naming the known ones, for any other. */
    static Suite named(String name) {
        Suite s = BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("cipherSuites: " + name + " (expected one of " + BY_NAME.keySet() + ")");
        }
        return s;
    }

    static String nameOf(int code) {
        for (Suite s : BY_NAME.values()) {
            if (s.code() == code) {
                return s.name();
            }
        }
        return String.format("0x%04X", code);
    }

    static int[] codes(List<String> names) {
        return names.stream().mapToInt(n -> named(n).code()).toArray();
    }
}
