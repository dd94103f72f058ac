package org.keygate.tls.bc;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM records (RFC 5288, RFC 8446 5.2) on the JDK's cipher, set up per record with a {@link GCMParameterSpec}.
 * BC's own JCA adapter builds an {@code AlgorithmParameters} per record (a provider lookup and an ASN.1 encoding,
 * then the JDK decodes it again): at one record per 1 KiB MSRP chunk that was a few percent of the MRFP's CPU
 * (issue 20). One instance per direction of one connection, used on its event loop only, as BC uses it.
 */
final class JdkAesGcm implements TlsAEADCipherImpl {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final boolean encrypting;
    private final Cipher cipher;
    private SecretKeySpec key;
    private GCMParameterSpec nonce;
    private int tagLength;

    JdkAesGcm(boolean encrypting) throws GeneralSecurityException {
        this.encrypting = encrypting;
        this.cipher = Cipher.getInstance(TRANSFORMATION);
    }

    @Override
    public void setKey(byte[] octets, int offset, int length) {
        key = new SecretKeySpec(octets, offset, length, "AES");
    }

    @Override
    public void init(byte[] recordNonce, int macSize) {
        tagLength = macSize;
        nonce = new GCMParameterSpec(macSize * 8, recordNonce);
    }

    @Override
    public int getOutputSize(int inputLength) {
        return encrypting ? inputLength + tagLength : Math.max(0, inputLength - tagLength);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
            int outputOffset) throws IOException {
        try {
            cipher.init(encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, nonce);
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (GeneralSecurityException e) {
            // as BC's own adapter: its record layer turns this into bad_record_mac when decrypting (RFC 8446 5.2,
            // RFC 5246 7.2.2) and internal_error when encrypting
            throw new IllegalStateException("AES-GCM record " + (encrypting ? "encryption" : "decryption")
                    + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "JdkAesGcm[" + (encrypting ? "encrypt" : "decrypt") + "]";
    }
}
