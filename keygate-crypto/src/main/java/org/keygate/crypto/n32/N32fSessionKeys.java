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
 */
public final class N32fSessionKeys {
    private final JweEnc enc;
    private final Map<N32KdfLabel, SecretBytes> values;

    private N32fSessionKeys(JweEnc enc, Map<N32KdfLabel, SecretBytes> values) {
        this.enc = enc;
        this.values = values;
    }

    public static N32fSessionKeys derive(N32MasterKey master, N32fContextId initiatorContextId,
            N32fContextId responderContextId, JweEnc enc) {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(enc, "enc");
        Map<N32KdfLabel, SecretBytes> out = new EnumMap<>(N32KdfLabel.class);
        for (N32KdfLabel label : N32KdfLabel.values()) {
            N32fContextId id = label.contextIdOf() == N32KdfLabel.Side.INITIATOR
                    ? initiatorContextId : responderContextId;
            out.put(label, N32Kdf.derive(master, id, label, label.isIvSalt() ? IvSalt.LENGTH : enc.keyLength()));
        }
        return new N32fSessionKeys(enc, Collections.unmodifiableMap(out));
    }

    public JweEnc enc() {
        return enc;
    }

    public JweKey key(N32KdfLabel label) {
        if (label.isIvSalt()) {
            throw new IllegalArgumentException(label.label() + " is an IV salt");
        }
        return new JweKey(enc, values.get(label));
    }

    public IvSalt ivSalt(N32KdfLabel label) {
        if (!label.isIvSalt()) {
            throw new IllegalArgumentException(label.label() + " is a key");
        }
        return new IvSalt(values.get(label));
    }

    public JweKey parallelRequestKey() {
        return key(N32KdfLabel.PARALLEL_REQUEST_KEY);
    }

    public IvSalt parallelRequestIvSalt() {
        return ivSalt(N32KdfLabel.PARALLEL_REQUEST_IV_SALT);
    }

    public JweKey parallelResponseKey() {
        return key(N32KdfLabel.PARALLEL_RESPONSE_KEY);
    }

    public IvSalt parallelResponseIvSalt() {
        return ivSalt(N32KdfLabel.PARALLEL_RESPONSE_IV_SALT);
    }

    public JweKey reverseRequestKey() {
        return key(N32KdfLabel.REVERSE_REQUEST_KEY);
    }

    public IvSalt reverseRequestIvSalt() {
        return ivSalt(N32KdfLabel.REVERSE_REQUEST_IV_SALT);
    }

    public JweKey reverseResponseKey() {
        return key(N32KdfLabel.REVERSE_RESPONSE_KEY);
    }

    public IvSalt reverseResponseIvSalt() {
        return ivSalt(N32KdfLabel.REVERSE_RESPONSE_IV_SALT);
    }

    /** label -> SHA-256 fingerprint of its value, in label order; for showing agreement, never the values. */
    public Map<N32KdfLabel, String> fingerprints() {
        Map<N32KdfLabel, String> out = new EnumMap<>(N32KdfLabel.class);
        values.forEach((label, secret) -> out.put(label, secret.sha256Fingerprint()));
        return Collections.unmodifiableMap(out);
    }

    /** Drops every key and salt, e.g. when the context ends. */
    public void destroy() {
        values.values().forEach(SecretBytes::destroy);
    }

    @Override
    public String toString() {
        return "N32fSessionKeys[" + enc.joseName() + ", 4 keys, 4 IV salts]";
    }
}
