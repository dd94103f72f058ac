/**
 * Opaque secret octets. Starting point: {@link org.keygate.crypto.secret.SecretBytes}; raw octets leave only with
 * {@link org.keygate.crypto.secret.InsecureSecretAccess#get()}.
 */
package org.keygate.crypto.secret;
