package org.keygate.capif.aef;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.PskLookup;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AEF's CAPIF-3 calls (TS 29.222 8.5.2.3.3.1): {@code GET /capif-security/v1/trustedInvokers/{id}} with
 * authenticationInfo and authorizationInfo, over mutual TLS with the AEF's CCF-issued certificate. As a
 * {@link PskLookup} it answers the CAPIF-2e handshake with AEFPSK for this AEF's interface (TS 33.122 6.5.2.1 step
 * 4), fetched afresh for every handshake, so a key the CCF rotated or revoked never opens a session; it records the
 * APIs the invoker is authorized for. Runs on {@code executor}, never on the event loop.
 */
final class CcfSecurityFetch implements PskLookup {
    private static final Logger LOG = LoggerFactory.getLogger(CcfSecurityFetch.class);
    private final CcfEndpoint ccf;
    private final TlsKeyMaterial aefIdentity;
    private final java.util.function.Supplier<AefInterfaceId> ownInterface;
    private final Authorizations authorizations;
    private final Executor executor;

    CcfSecurityFetch(CcfEndpoint ccf, TlsKeyMaterial aefIdentity, java.util.function.Supplier<AefInterfaceId> ownInterface,
            Authorizations authorizations, Executor executor) {
        this.ccf = ccf;
        this.aefIdentity = aefIdentity;
        this.ownInterface = ownInterface;
        this.authorizations = authorizations;
        this.executor = executor;
    }

    /** The invoker's entries for this AEF's interface, or empty if the CCF knows no authorization. */
    List<SecurityInformation> fetch(String invokerId) throws CapifCallException {
        if (!invokerId.matches("[A-Za-z0-9._-]{1,64}")) {
            return List.of(); // not an ID the CCF assigns: not worth a CAPIF-3 call
        }
        try (CcfSession s = CcfSession.open(ccf, aefIdentity, false)) {
            SbiResponse r = s.call("security information", "GET", "/capif-security/v1/trustedInvokers/" + invokerId
                    + "?authenticationInfo=true&authorizationInfo=true", null);
            if (r.status() == 404 || r.status() == 403) {
                authorizations.revoke(invokerId);
                return List.of();
            }
            if (r.status() != 200) {
                throw new CapifCallException("security information", r.status(), null, null);
            }
            ServiceSecurity sec = org.keygate.sbi.json.SbiJson.read(r.body(), ServiceSecurity.class);
            List<SecurityInformation> mine = sec.securityInfo().stream().filter(i -> i.interfaceDetails() != null
                    && ownInterface.get().equals(i.interfaceDetails().aefInterfaceId())).toList();
            Set<String> apis = new HashSet<>();
            mine.forEach(i -> apis.add(i.apiId()));
            authorizations.grant(invokerId, apis);
            return mine;
        }
    }

    /**
     * The handler copies the key into the handshake and leaves the returned SecretBytes to its owner (PskLookup):
     * this AEF keeps no key, so each one is destroyed once the handshake has surely used it or given up
     * ({@link org.keygate.tls.bc.BcTlsHandler#DEFAULT_HANDSHAKE_TIMEOUT} and a margin).
     */
    static final java.time.Duration KEY_LIFETIME = org.keygate.tls.bc.BcTlsHandler.DEFAULT_HANDSHAKE_TIMEOUT
            .plusSeconds(5);

    @Override
    public CompletionStage<Optional<SecretBytes>> lookup(String identity) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<SecretBytes> key = fetch(identity).stream().filter(i ->
                        SecurityMethod.PSK.equals(i.selSecurityMethod()) && i.authenticationInfo() != null).findFirst()
                        .map(i -> decode(i.authenticationInfo()));
                key.ifPresent(k -> CompletableFuture.delayedExecutor(KEY_LIFETIME.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS).execute(k::destroy));
                return key;
            } catch (CapifCallException e) {
                LOG.info("AEFPSK for a CAPIF-2e handshake not obtained: {}", e.getMessage());
                return Optional.empty();
            }
        }, executor);
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
