package org.keygate.tls.bc;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The trust anchors a BC TLS end checks its peer's chain against, read afresh by every handshake: a reload
 * {@link #swap}s them, and every later handshake validates under the new ones (issue 18 item 1; the BC side of
 * {@link org.keygate.tls.jsse.SwappableTrustManager}). {@link #untrustedNow} tells the owner which established
 * connections the new anchors no longer cover, so that it can close them.
 */
public final class TrustAnchorSource {
    private volatile List<X509Certificate> anchors;

    private TrustAnchorSource(List<X509Certificate> anchors) {
        this.anchors = anchors;
    }

    /** Starts with {@code anchors} (may be empty: a config without certificate checks). */
    public static TrustAnchorSource of(List<X509Certificate> anchors) {
        return new TrustAnchorSource(List.copyOf(anchors));
    }

    /** The anchors a handshake starting now validates against. */
    public List<X509Certificate> current() {
        return anchors;
    }

    /** From now on, handshakes validate against {@code next}; established connections are left to the owner. */
    public void swap(List<X509Certificate> next) {
        if (Objects.requireNonNull(next, "next").isEmpty()) {
            throw new IllegalArgumentException("trust anchors: [] (expected: at least one)");
        }
        this.anchors = List.copyOf(next);
    }

    /**
     * Why {@code chain} (leaf first, as a peer sent it) does not validate under the current anchors (PKIX, RFC 5280
     * 6, as a handshake checks it), or empty when it does.
     */
    public Optional<String> untrustedNow(List<X509Certificate> chain) {
        try {
            Certificates.validate(chain, anchors);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
