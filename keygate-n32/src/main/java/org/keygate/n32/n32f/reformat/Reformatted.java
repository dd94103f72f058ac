package org.keygate.n32.n32f.reformat;

import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;

/** A message split for the JWE: what stays readable (the aad) and what is encrypted (the plaintext). */
public record Reformatted(DataToIntegrityProtectBlock integrityProtected, DataToIntegrityProtectAndCipherBlock encrypted) {
    @Override
    public String toString() {
        return "Reformatted[" + encrypted.dataToEncrypt().size() + " encrypted values]";
    }
}
