package org.keygate.crypto.secret;

/**
 * The one source of {@link SecretAccess} tokens. Calling {@link #get()} means "raw key octets leave here": keep
 * such places few (the AEAD and the exporter boundary) and review each one.
 */
public final class InsecureSecretAccess {
    private InsecureSecretAccess() {}

    public static SecretAccess get() {
        return SecretAccess.INSTANCE;
    }
}
