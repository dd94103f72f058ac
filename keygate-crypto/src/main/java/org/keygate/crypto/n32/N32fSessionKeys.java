package org.keygate.crypto.n32;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The four JWE keys and four IV salts of one N32-f context (TS 33.501 13.2.4.4.1), derived from the master key and
 * both SEPPs' context IDs with DESIGN.md's rule: each label uses the ID of the SEPP that receives the messages it
 * protects ({@link N32KdfLabel#contextIdOf()}). Both SEPPs derive the same eight values.
 *
 * <p>Lifecycle: {@link #derive} once per context; {@link #destroy()} when the context ends. Prints and compares
 * no key material ({@link SecretBytes} has identity equality only).
 */
public record N32fSessionKeys(
        JweKey parallelRequestKey, IvSalt parallelRequestIvSalt,
        JweKey parallelResponseKey, IvSalt parallelResponseIvSalt,
        JweKey reverseRequestKey, IvSalt reverseRequestIvSalt,
        JweKey reverseResponseKey, IvSalt reverseResponseIvSalt) {

    public N32fSessionKeys {
        Objects.requireNonNull(parallelRequestKey, "parallelRequestKey");
        Objects.requireNonNull(parallelRequestIvSalt, "parallelRequestIvSalt");
        Objects.requireNonNull(parallelResponseKey, "parallelResponseKey");
        Objects.requireNonNull(parallelResponseIvSalt, "parallelResponseIvSalt");
        Objects.requireNonNull(reverseRequestKey, "reverseRequestKey");
        Objects.requireNonNull(reverseRequestIvSalt, "reverseRequestIvSalt");
        Objects.requireNonNull(reverseResponseKey, "reverseResponseKey");
        Objects.requireNonNull(reverseResponseIvSalt, "reverseResponseIvSalt");
        // TS 33.501 13.2.2.2 step 1: one cipher suite is selected per N32-f context, so all four keys share it.
        JweEnc enc = parallelRequestKey.enc();
        if (parallelResponseKey.enc() != enc || reverseRequestKey.enc() != enc || reverseResponseKey.enc() != enc) {
            throw new IllegalArgumentException("the four N32-f keys must share one JWE enc (expected: "
                    + enc.joseName() + ")");
        }
    }

    public static N32fSessionKeys derive(N32MasterKey master, N32fContextId initiatorContextId,
            N32fContextId responderContextId, JweEnc enc) {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(initiatorContextId, "initiatorContextId");
        Objects.requireNonNull(responderContextId, "responderContextId");
        Objects.requireNonNull(enc, "enc");
        Map<N32KdfLabel, SecretBytes> out = new EnumMap<>(N32KdfLabel.class);
        for (N32KdfLabel label : N32KdfLabel.values()) {
            N32fContextId id = label.contextIdOf() == N32KdfLabel.Side.INITIATOR
                    ? initiatorContextId : responderContextId;
            out.put(label, N32Kdf.derive(master, id, label, label.isIvSalt() ? IvSalt.LENGTH : enc.keyLength()));
        }
        return new N32fSessionKeys(
                new JweKey(enc, out.get(N32KdfLabel.PARALLEL_REQUEST_KEY)),
                new IvSalt(out.get(N32KdfLabel.PARALLEL_REQUEST_IV_SALT)),
                new JweKey(enc, out.get(N32KdfLabel.PARALLEL_RESPONSE_KEY)),
                new IvSalt(out.get(N32KdfLabel.PARALLEL_RESPONSE_IV_SALT)),
                new JweKey(enc, out.get(N32KdfLabel.REVERSE_REQUEST_KEY)),
                new IvSalt(out.get(N32KdfLabel.REVERSE_REQUEST_IV_SALT)),
                new JweKey(enc, out.get(N32KdfLabel.REVERSE_RESPONSE_KEY)),
                new IvSalt(out.get(N32KdfLabel.REVERSE_RESPONSE_IV_SALT)));
    }

    /** The negotiated JWE "enc" of all four keys. */
    public JweEnc enc() {
        return parallelRequestKey.enc();
    }

    /** The key for one of the four key labels; IllegalArgumentException for an IV salt label. */
    public JweKey key(N32KdfLabel label) {
        return switch (label) {
            case PARALLEL_REQUEST_KEY -> parallelRequestKey;
            case PARALLEL_RESPONSE_KEY -> parallelResponseKey;
            case REVERSE_REQUEST_KEY -> reverseRequestKey;
            case REVERSE_RESPONSE_KEY -> reverseResponseKey;
            default -> throw new IllegalArgumentException(label.label() + " is an IV salt, not a key");
        };
    }

    /** The IV salt for one of the four salt labels; IllegalArgumentException for a key label. */
    public IvSalt ivSalt(N32KdfLabel label) {
        return switch (label) {
            case PARALLEL_REQUEST_IV_SALT -> parallelRequestIvSalt;
            case PARALLEL_RESPONSE_IV_SALT -> parallelResponseIvSalt;
            case REVERSE_REQUEST_IV_SALT -> reverseRequestIvSalt;
            case REVERSE_RESPONSE_IV_SALT -> reverseResponseIvSalt;
            default -> throw new IllegalArgumentException(label.label() + " is a key, not an IV salt");
        };
    }

    /** label -> SHA-256 fingerprint of its value, in label order; for showing agreement, never the values. */
    public Map<N32KdfLabel, String> fingerprints() {
        Map<N32KdfLabel, String> out = new EnumMap<>(N32KdfLabel.class);
        for (N32KdfLabel label : N32KdfLabel.values()) {
            out.put(label, secret(label).sha256Fingerprint());
        }
        return Collections.unmodifiableMap(out);
    }

    /** Zeroes every key and salt, e.g. when the context ends; later use of any of them throws. */
    public void destroy() {
        for (N32KdfLabel label : N32KdfLabel.values()) {
            secret(label).destroy();
        }
    }

    private SecretBytes secret(N32KdfLabel label) {
        return label.isIvSalt() ? ivSalt(label).salt() : key(label).key();
    }

    @Override
    public String toString() {
        return "N32fSessionKeys[" + enc().joseName() + ", 4 keys, 4 IV salts]";
    }
}
