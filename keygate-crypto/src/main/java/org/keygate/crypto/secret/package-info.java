/**
 * Opaque secret octets: keys never in logs, toString, exception messages or metrics (DESIGN.md). Starting point:
 * {@link org.keygate.crypto.secret.SecretBytes}; raw octets leave only with
 * {@link org.keygate.crypto.secret.InsecureSecretAccess#get()}, so each such place can be found by name.
 */
package org.keygate.crypto.secret;
