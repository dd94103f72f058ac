package org.keygate.capif.aef;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfConnection;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.bc.PskLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AEF's CAPIF-3 calls (TS 29.222 8.5.2.3.3.1): {@code GET /capif-security/v1/trustedInvokers/{id}} with
 * authenticationInfo and authorizationInfo, over mutual TLS with the AEF's CCF-issued certificate. As a
 * {@link PskLookup} it answers the CAPIF-2e handshake with AEFPSK for this AEF's interface (TS 33.122 6.5.2.1 step
 * 4), fetched afresh for every handshake, so a key the CCF rotated or revoked never opens a session; it records the
 * APIs the invoker is authorized for. Every call goes over the AEF's one kept connection to the CCF
 * ({@link CcfConnection}), never a connection per handshake.
 */
final class CcfSecurityFetch implements PskLookup {
    private static final Logger LOG = LoggerFactory.getLogger(CcfSecurityFetch.class);
    private final CcfConnection ccf;
    private final java.util.function.Supplier<AefInterfaceId> ownInterface;
    private final Authorizations authorizations;

    CcfSecurityFetch(CcfConnection ccf, java.util.function.Supplier<AefInterfaceId> ownInterface,
            Authorizations authorizations) {
        this.ccf = ccf;
        this.ownInterface = ownInterface;
        this.authorizations = authorizations;
    }

    /** The invoker's entries for this AEF's interface, or empty if the CCF knows no authorization. */
    List<SecurityInformation> fetch(String invokerId) throws CapifCallException {
        try {
            return fetchAsync(invokerId).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof CapifCallException c) {
                throw c;
            }
            throw new CapifCallException("security information", e.getCause());
        }
    }

    /** {@link #fetch}, answered on the kept connection's event loop: a handshake waits without holding a thread. */
    CompletableFuture<List<SecurityInformation>> fetchAsync(String invokerId) {
        if (!invokerId.matches("[A-Za-z0-9._-]{1,64}")) {
            return CompletableFuture.completedFuture(List.of()); // not an ID the CCF assigns: not worth a call
        }
        return ccf.call("security information", "GET", "/capif-security/v1/trustedInvokers/" + invokerId
                + "?authenticationInfo=true&authorizationInfo=true", null).thenCompose(r -> {
                    if (r.status() == 404 || r.status() == 403) {
                        authorizations.revoke(invokerId);
                        return CompletableFuture.completedFuture(List.of());
                    }
                    if (r.status() != 200) {
                        return CompletableFuture.failedFuture(CcfConnection.refusal("security information", r));
                    }
                    ServiceSecurity sec = org.keygate.sbi.json.SbiJson.read(r.body(), ServiceSecurity.class);
                    List<SecurityInformation> mine = sec.securityInfo().stream().filter(i ->
                            i.interfaceDetails() != null
                            && ownInterface.get().equals(i.interfaceDetails().aefInterfaceId())).toList();
                    Set<String> apis = new HashSet<>();
                    mine.forEach(i -> apis.add(i.apiId()));
                    authorizations.grant(invokerId, apis);
                    return CompletableFuture.completedFuture(mine);
                });
    }

    /**
     * The handler copies the key into the handshake and leaves the returned SecretBytes to its owner (PskLookup):
     * this AEF keeps no key, so each one is destroyed once the handshake has surely used it or given up
     * ({@link org.keygate.tls.bc.BcTlsHandler#DEFAULT_HANDSHAKE_TIMEOUT} and a margin).
     */
    static final java.time.Duration KEY_LIFETIME = org.keygate.tls.bc.BcTlsHandler.DEFAULT_HANDSHAKE_TIMEOUT
            .plusSeconds(5);

    /**
     * A CCF that cannot answer in time (or refuses) fails the stage: the handshake ends with unknown_psk_identity
     * (PskLookup). The CCF's loss is logged once by {@link CcfConnection}; each refused handshake at DEBUG.
     */
    @Override
    public CompletionStage<Optional<SecretBytes>> lookup(String identity) {
        return fetchAsync(identity).thenApply(mine -> {
            Optional<SecretBytes> key = mine.stream().filter(i -> SecurityMethod.PSK.equals(i.selSecurityMethod())
                    && i.authenticationInfo() != null).findFirst().map(i -> decode(i.authenticationInfo()));
            key.ifPresent(k -> CompletableFuture.delayedExecutor(KEY_LIFETIME.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS).execute(k::destroy));
            return key;
        }).whenComplete((key, failure) -> {
            if (failure != null) {
                LOG.debug("AEFPSK for a CAPIF-2e handshake not obtained: {}", failure.getMessage());
            }
        });
    }

    private static SecretBytes decode(String base64) {
        byte[] k = Base64.getDecoder().decode(base64);
        try {
            return SecretBytes.copyOf(k);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }
}
