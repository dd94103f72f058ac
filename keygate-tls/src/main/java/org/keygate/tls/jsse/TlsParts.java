package org.keygate.tls.jsse;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a TLS context is made of, so that either provider can be built from the same parts ({@link TlsEngines}): the
 * JDK context itself, and the key and trust managers it was initialised with (the OpenSSL engine calls the very same
 * managers, so trust decisions, revocation and reloads are one code path).
 *
 * @param jdk the JDK context over {@code keys} and {@code trust}
 * @param keys this side's certificate and key; empty for a client that shows none
 * @param trust how the peer's chain is checked
 */
public record TlsParts(SSLContext jdk, Optional<X509ExtendedKeyManager> keys, X509ExtendedTrustManager trust) {
    public TlsParts {
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(trust, "trust");
    }

    @Override
    public String toString() {
        return "TlsParts[own certificate: " + keys.isPresent() + ", trust: " + trust.getClass().getSimpleName() + "]";
    }
}
