package org.keygate.crypto.secret;

/**
 * A token that lets raw key octets leave a {@link SecretBytes}. Only {@link InsecureSecretAccess#get()} hands one
 * out, so every place where key material leaves its wrapper can be found by searching for that name (Tink's
 * {@code SecretKeyAccess} pattern).
 */
public final class SecretAccess {
    static final SecretAccess INSTANCE = new SecretAccess();

    private SecretAccess() {}
}
