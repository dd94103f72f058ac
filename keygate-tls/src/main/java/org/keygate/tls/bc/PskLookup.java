package org.keygate.tls.bc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.crypto.secret.SecretBytes;

/**
 * How a PSK server finds the key of an identity a client offers (RFC 4279 2; RFC 8446 4.2.11). The answer may take
 * network I/O (the CAPIF AEF fetches AEFPSK from the CCF over CAPIF-3, TS 33.122 6.5.2.1): return a stage that
 * completes later and never block. The {@link BcTlsHandler} reads the identity from the client's handshake records
 * before Bouncy Castle needs the key, stops feeding the handshake while the stage is pending, and resumes on the
 * channel's event loop when it completes. An empty answer ends the handshake with the unknown_psk_identity alert
 * (RFC 4279 2, RFC 8446 6.2), except that a TLS 1.3 server which also has a certificate then authenticates with the
 * certificate. A failed stage (the key's source could not answer) ends it with unknown_psk_identity in TLS 1.2 and
 * internal_error in TLS 1.3, never with the certificate.
 *
 * <p>The handler copies the key into the handshake and never destroys the returned {@link SecretBytes}: its owner
 * does.
 */
@FunctionalInterface
public interface PskLookup {
    /** The key of {@code identity} (UTF-8-decoded, RFC 4279 5.1), or empty if there is none. */
    CompletionStage<Optional<SecretBytes>> lookup(String identity);

    /** A fixed table of identities and keys (a copy of {@code keys}). */
    static PskLookup of(Map<String, SecretBytes> keys) {
        Map<String, SecretBytes> table = Map.copyOf(keys);
        table.keySet().forEach(ExternalPsk::checkIdentity);
        return identity -> CompletableFuture.completedFuture(Optional.ofNullable(table.get(identity)));
    }
}
