package org.keygate.tls.revocation;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** Where a CRL is read from: a local file (an operator's sync job puts it there) or an http URL. */
public sealed interface CrlSource {
    /** A DER or PEM CRL file, read again at each refresh. */
    record File(Path path) implements CrlSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A CRL served over plain http. CRLs are signed by their issuer (RFC 5280 5), so http is what RFC 5280 4.2.1.13
     * expects for distribution points; https would need a trust of its own and is refused.
     */
    record Http(URI uri) implements CrlSource {
        public Http {
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(uri + " (expected: an http:// URL with a host)");
            }
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }

    /** {@code http://...} is an URL, anything else a file path; other URL schemes are refused. */
    public static CrlSource parse(String text) {
        if (text.regionMatches(true, 0, "http://", 0, 7)) {
            return new Http(URI.create(text));
        }
        if (text.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException(text + " (expected: an http:// URL or a file path)");
        }
        return new File(Path.of(text));
    }
}
