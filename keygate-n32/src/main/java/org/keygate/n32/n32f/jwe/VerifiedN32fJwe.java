package org.keygate.n32.n32f.jwe;

/**
 * A JWE that {@link N32fJweDecrypter} has authenticated and decrypted: the only way to its contents (there is no
 * parse-and-trust path). {@code aad} is the decoded DataToIntegrityProtectBlock JSON, {@code plaintext} the
 * decoded DataToIntegrityProtectAndCipherBlock JSON, {@code seq} the message's SEQ. Arrays are the caller's.
 */
public record VerifiedN32fJwe(byte[] aad, byte[] plaintext, long seq, String tag) {
    @Override
    public String toString() {
        return "VerifiedN32fJwe[seq " + seq + ", aad " + aad.length + " octets, plaintext " + plaintext.length
                + " octets]";
    }
}
