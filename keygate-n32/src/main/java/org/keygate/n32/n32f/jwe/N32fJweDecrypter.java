package org.keygate.n32.n32f.jwe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import org.keygate.crypto.aead.internal.InsecureNonceAesGcm;
import org.keygate.crypto.n32.IvSalt;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.JweKey;
import org.keygate.crypto.nonce.NonceSequence;
import org.keygate.crypto.nonce.ReplayWindow;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;

/**
 * Authenticates and decrypts N32-f messages of one direction of one N32-f context, the receiving side of
 * {@link N32fJweEncrypter}. Refuses, with the TS 29.573 error type:
 *
 * <ul>
 * <li>DECIPHERING_FAILED: not a flattened JWE keygate can read: bad base64url, a protected header other than
 *     {@code alg} "dir" with the negotiated {@code enc} (and optionally {@code kid}), an encrypted key, header
 *     parameters outside the protected header, a nonce that is not 12 octets;
 * <li>INTEGRITY_CHECK_FAILED: a nonce with another IV salt, a GCM tag that does not verify (any change to
 *     protected, aad, iv, ciphertext or tag), or a SEQ seen before or older than the replay window.
 * </ul>
 *
 * The replay window only moves after the tag verified, so forged messages cannot push genuine ones out.
 * Thread-safe.
 */
public final class N32fJweDecrypter {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    /** TS 33.210 JWE profile: alg and enc; kid may be present. */
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "enc", "kid");

    private final InsecureNonceAesGcm aead;
    private final IvSalt salt;
    private final JweEnc enc;
    private final ReplayWindow replay;
    /**
     * The protected header as keygate writes it for this suite: a peer sending exactly these octets needs no JSON
     * parse to pass {@link #checkProtectedHeader} (the parse was 1 % of a PRINS SEPP's samples, issue 10); any other
     * spelling is parsed and checked member by member.
     */
    private final String canonicalHeader;

    public N32fJweDecrypter(JweKey key, IvSalt salt, ReplayWindow replay) {
        this.aead = new InsecureNonceAesGcm(key.key());
        this.salt = salt;
        this.enc = key.enc();
        this.replay = replay;
        this.canonicalHeader = JweProtectedHeader.encoded(enc);
    }

    public VerifiedN32fJwe decrypt(FlatJweJson jwe) throws N32fException {
        return decrypt(jwe, null, null);
    }

    /**
     * With the aad as the caller decoded it already to find this context ({@code decodedAad} from {@code encodedAad}):
     * taken as it is when {@code encodedAad} is this JWE's aad, not decoded a second time; otherwise decoded here.
     */
    public VerifiedN32fJwe decrypt(FlatJweJson jwe, String encodedAad, byte[] decodedAad) throws N32fException {
        if (jwe.protectedHeader() == null || jwe.iv() == null || jwe.ciphertext() == null || jwe.tag() == null
                || jwe.aad() == null) {
            throw deciphering("protected, aad, iv, ciphertext and tag are all required");
        }
        if (jwe.encryptedKey() != null && !jwe.encryptedKey().isEmpty()) {
            throw deciphering("an encrypted key is present, but alg is dir");
        }
        if (nonEmpty(jwe.unprotected()) || nonEmpty(jwe.header())) {
            throw deciphering("header parameters outside the protected header are not accepted");
        }
        if (!canonicalHeader.equals(jwe.protectedHeader())) {
            checkProtectedHeader(decode(jwe.protectedHeader(), "protected"));
        }
        byte[] aadJson = decodedAad != null && jwe.aad().equals(encodedAad) ? decodedAad : decode(jwe.aad(), "aad");
        byte[] nonce = decode(jwe.iv(), "iv");
        byte[] ciphertext = decode(jwe.ciphertext(), "ciphertext");
        byte[] tag = decode(jwe.tag(), "tag");
        if (nonce.length != InsecureNonceAesGcm.NONCE_LENGTH || tag.length != InsecureNonceAesGcm.TAG_LENGTH) {
            throw deciphering("iv must be 12 octets and tag 16 octets");
        }
        long seq;
        try {
            seq = NonceSequence.seqOf(salt, nonce);
        } catch (IllegalArgumentException e) {
            throw new N32fException(N32fErrorType.INTEGRITY_CHECK_FAILED, "the nonce does not carry this context's IV salt");
        }
        byte[] sealed = new byte[ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        byte[] plaintext;
        try {
            plaintext = aead.decrypt(nonce, sealed,
                    (jwe.protectedHeader() + "." + jwe.aad()).getBytes(StandardCharsets.US_ASCII));
        } catch (AEADBadTagException e) {
            throw new N32fException(N32fErrorType.INTEGRITY_CHECK_FAILED, "the JWE tag does not verify");
        }
        if (!replay.accept(seq)) {
            throw new N32fException(N32fErrorType.INTEGRITY_CHECK_FAILED, "SEQ " + seq + " was replayed or is too old");
        }
        return new VerifiedN32fJwe(aadJson, plaintext, seq, jwe.tag());
    }

    private void checkProtectedHeader(byte[] json) throws N32fException {
        JsonNode header;
        try {
            header = SbiJson.read(json, JsonNode.class);
        } catch (SbiJsonException e) {
            throw deciphering("the protected header is not JSON");
        }
        if (header == null || !header.isObject()) {
            throw deciphering("the protected header is not a JSON object");
        }
        for (Iterator<String> names = header.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!HEADER_MEMBERS.contains(name)) {
                throw deciphering("protected header parameter '" + name + "' is not accepted");
            }
        }
        if (!"dir".equals(header.path("alg").asText(null))) {
            throw deciphering("alg must be dir (TS 33.501 13.2.4.4.0)");
        }
        if (!enc.joseName().equals(header.path("enc").asText(null))) {
            throw deciphering("enc must be " + enc.joseName() + ", the suite negotiated for this context");
        }
    }

    private static byte[] decode(String member, String name) throws N32fException {
        try {
            return B64.decode(member);
        } catch (IllegalArgumentException e) {
            throw deciphering(name + " is not base64url");
        }
    }

    private static boolean nonEmpty(JsonNode node) {
        return node != null && !node.isNull() && !(node.isObject() && node.isEmpty());
    }

    private static N32fException deciphering(String message) {
        return new N32fException(N32fErrorType.DECIPHERING_FAILED, message);
    }

    @Override
    public String toString() {
        return "N32fJweDecrypter[" + enc.joseName() + "]";
    }
}
