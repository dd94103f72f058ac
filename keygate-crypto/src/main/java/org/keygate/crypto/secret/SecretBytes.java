package org.keygate.crypto.secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Secret octets (a key, an IV salt, a master secret): copied in, copied out only with a {@link SecretAccess}
 * token, never printed. {@link #toString()} gives the length only; there is no content-based {@code equals}, use
 * {@link #equalsSecret} (constant time). {@link #destroy()} zeroes the octets; later use throws.
 *
 * <p>Thread-safe for reads; destroy once no one uses it.
 */
public final class SecretBytes {
    private final byte[] octets;
    private volatile boolean destroyed;

    private SecretBytes(byte[] octets) {
        this.octets = octets;
    }

    /** Copies {@code octets}; the caller may wipe its array afterwards. */
    public static SecretBytes copyOf(byte[] octets) {
        Objects.requireNonNull(octets, "octets");
        return new SecretBytes(octets.clone());
    }

    public int length() {
        return alive().length;
    }

    /** A copy of the octets. Greppable: every caller passes {@code InsecureSecretAccess.get()}. */
    public byte[] toByteArray(SecretAccess access) {
        Objects.requireNonNull(access, "access");
        return alive().clone();
    }

    /** Constant-time comparison of content. */
    public boolean equalsSecret(SecretBytes other) {
        return MessageDigest.isEqual(alive(), other.alive());
    }

    /**
     * Lowercase hex SHA-256 of the octets: lets two parties show they hold the same key without revealing it
     * (used by {@code keygate lab}). Only for high-entropy keys: a hash of a guessable secret reveals it.
     */
    public String sha256Fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(alive()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /** Zeroes the octets. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(octets, (byte) 0);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private byte[] alive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return octets;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + octets.length + " octets]";
    }
}
