package org.keygate.crypto.mikey;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The keys that protect one MIKEY message (RFC 3830 4.1.4, RFC 6043 5.1.2, A.2.1): encr_key and salt_key for a
 * KEMAC (empty for NULL encryption), auth_key for the V payload (empty for the NULL MAC). Prints sizes only.
 */
public record MikeyMessageKeys(SecretBytes encrKey, SecretBytes saltKey, SecretBytes authKey) {
    public MikeyMessageKeys {
        Objects.requireNonNull(encrKey, "encrKey");
        Objects.requireNonNull(saltKey, "saltKey");
        Objects.requireNonNull(authKey, "authKey");
    }

    /**
     * Derives the keys that {@code encr} and {@code mac} need from {@code inkey} (PSK, envelope key, MPK or TPK)
     * with the constants of RFC 3830 4.1.4 in front of {@code label}.
     */
    public static MikeyMessageKeys derive(MikeyPrf prf, SecretBytes inkey, MikeyLabel label, MikeyEncrAlg encr,
            MikeyMacAlg mac) {
        SecretBytes none = SecretBytes.copyOf(new byte[0]);
        SecretBytes encrKey = encr.keyOctets() == 0 ? none
                : prf.derive(inkey, label.with(MikeyKeyConstant.ENCR_KEY), encr.keyOctets());
        SecretBytes saltKey = encr.usesSalt()
                ? prf.derive(inkey, label.with(MikeyKeyConstant.SALT_KEY), MikeyEncrAlg.SALT_OCTETS) : none;
        SecretBytes authKey = mac.macOctets() == 0 ? none
                : prf.derive(inkey, label.with(MikeyKeyConstant.AUTH_KEY), mac.macOctets());
        return new MikeyMessageKeys(encrKey, saltKey, authKey);
    }

    public void destroy() {
        encrKey.destroy();
        saltKey.destroy();
        authKey.destroy();
    }

    @Override
    public String toString() {
        return "MikeyMessageKeys[encr " + encrKey + ", salt " + saltKey + ", auth " + authKey + "]";
    }
}
