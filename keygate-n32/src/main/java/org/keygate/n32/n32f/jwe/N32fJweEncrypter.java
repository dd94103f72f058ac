package org.keygate.n32.n32f.jwe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.keygate.crypto.aead.internal.InsecureNonceAesGcm;
import org.keygate.crypto.n32.IvSalt;
import org.keygate.crypto.n32.JweKey;
import org.keygate.crypto.nonce.NonceSequence;

/**
 * Encrypts N32-f messages of one direction of one N32-f context (TS 33.501 13.2.4.4): flattened JSON JWE,
 * {@code alg} "dir", AES-GCM with the context's key and the nonce IV salt || SEQ, SEQ counting from 0 and never
 * wrapping (it owns the {@link NonceSequence}; when it runs out, {@code NonceSequenceExhaustedException} tells the
 * caller to negotiate a new context). GCM additional data is ASCII(BASE64URL(protected) || "." || BASE64URL(aad))
 * (RFC 7516 5.1 step 14).
 *
 * <p>Thread-safe: concurrent callers get distinct nonces.
 */
public final class N32fJweEncrypter {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final InsecureNonceAesGcm aead;
    private final NonceSequence nonces;
    private final byte[] protectedHeader;

    public N32fJweEncrypter(JweKey key, IvSalt salt) {
        this.aead = new InsecureNonceAesGcm(key.key());
        this.nonces = NonceSequence.of(salt);
        this.protectedHeader = JweProtectedHeader.encoded(key.enc()).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param aadJson UTF-8 JSON of DataToIntegrityProtectBlock (integrity protected, sent in the clear)
     * @param plaintextJson UTF-8 JSON of DataToIntegrityProtectAndCipherBlock (encrypted)
     */
    public FlatJweJson encrypt(byte[] aadJson, byte[] plaintextJson) {
        return seal(aadJson, plaintextJson).json();
    }

    /** As {@link #encrypt}, the members left as the octets they are sent as. */
    public FlatJweOctets seal(byte[] aadJson, byte[] plaintextJson) {
        byte[] aad = B64.encode(aadJson);
        // RFC 7516 5.1 step 14: ASCII(BASE64URL(protected) || "." || BASE64URL(aad)), put together from the octets.
        byte[] additionalData = new byte[protectedHeader.length + 1 + aad.length];
        System.arraycopy(protectedHeader, 0, additionalData, 0, protectedHeader.length);
        additionalData[protectedHeader.length] = '.';
        System.arraycopy(aad, 0, additionalData, protectedHeader.length + 1, aad.length);
        byte[] nonce = nonces.next();
        byte[] sealed = aead.encrypt(nonce, plaintextJson, additionalData);
        int split = sealed.length - InsecureNonceAesGcm.TAG_LENGTH;
        return new FlatJweOctets(protectedHeader, aad, B64.encode(nonce), encoded(sealed, 0, split),
                encoded(sealed, split, InsecureNonceAesGcm.TAG_LENGTH));
    }

    /** BASE64URL of a part of {@code octets}, without copying the part out first. */
    private static byte[] encoded(byte[] octets, int offset, int length) {
        return B64.encode(ByteBuffer.wrap(octets, offset, length)).array();
    }

    @Override
    public String toString() {
        return "N32fJweEncrypter[" + nonces + "]";
    }
}
