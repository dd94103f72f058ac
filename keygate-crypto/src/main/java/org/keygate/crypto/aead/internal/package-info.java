/**
 * Dangerous primitives for nonce owners only (Tink's {@code InsecureNonceAesGcmJce}): AES-GCM with a caller-chosen
 * nonce. Starting point: {@link org.keygate.crypto.aead.internal.InsecureNonceAesGcm}.
 */
package org.keygate.crypto.aead.internal;
