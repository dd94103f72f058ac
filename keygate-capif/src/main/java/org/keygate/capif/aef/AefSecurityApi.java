package org.keygate.capif.aef;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCause;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.model.CheckAuthenticationReq;
import org.keygate.capif.model.CheckAuthenticationRsp;
import org.keygate.capif.model.RevokeAuthorizationReq;
import org.keygate.capif.model.RevokeAuthorizationRsp;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AEF_Security_API (TS 29.222 8.6) on a listener with mutual TLS (certificates from the CCF's CA):
 *
 * <ul>
 * <li>{@code check-authentication} from an API invoker about itself (certificate CN = {@code apiInvokerId}) is
 *     Initiate_Authentication (TS 29.222 6.2.2.2.2): the AEF fetches the invoker's security information from the
 *     CCF (5.6.2.4.2), keeps the authorization and answers 200 if the CCF authorized the invoker here;
 * <li>{@code check-authentication} from the CCF (CN {@value #CCF_ID}) answers whether this AEF holds an
 *     authorization for the invoker;
 * <li>{@code revoke-authorization}, from the CCF only (6.2.2.3.2), drops it and closes the invoker's CAPIF-2e
 *     connections.
 * </ul>
 */
final class AefSecurityApi implements SbiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AefSecurityApi.class);
    static final String ROOT = "/aef-security/v1";
    /** The CN the CCF gives its own certificate. */
    static final String CCF_ID = "ccf";
    /** keygate negotiates no optional features of this API. */
    static final String NO_FEATURES = "0";
    private final Authorizations authorizations;
    private final CcfSecurityFetch ccf;
    private final Executor executor;

    AefSecurityApi(Authorizations authorizations, CcfSecurityFetch ccf, Executor executor) {
        this.authorizations = authorizations;
        this.ccf = ccf;
        this.executor = executor;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        // Initiate_Authentication calls the CCF (blocking CAPIF-3 call): never on the event loop.
        return CompletableFuture.supplyAsync(() -> answer(request, connection), executor);
    }

    private SbiResponse answer(SbiRequest request, SbiConnection connection) {
        String caller = connection.peerCertificates().isEmpty() ? null
                : CcfCertificateAuthority.commonName(connection.peerCertificates().getFirst());
        if (caller == null) {
            return SbiResponse.problem(CapifCause.CLIENT_CERTIFICATE_REQUIRED.problem(
                    "the AEF security API needs a certificate from the CCF"));
        }
        if (!request.method().equals("POST")) {
            return SbiResponse.problem(CapifCause.METHOD_NOT_ALLOWED.problem("POST only"));
        }
        try {
            return switch (request.pathWithoutQuery()) {
                case ROOT + "/check-authentication" -> {
                    CheckAuthenticationReq r = SbiJson.read(request.body(), CheckAuthenticationReq.class);
                    if (r.apiInvokerId() == null) {
                        yield SbiResponse.problem(CapifCause.MANDATORY_IE_MISSING.problem("apiInvokerId is required"));
                    }
                    if (!CCF_ID.equals(caller)) {
                        yield initiateAuthentication(caller, r.apiInvokerId());
                    }
                    yield authorizations.known(r.apiInvokerId())
                            ? SbiResponse.json(200, SbiJson.write(new CheckAuthenticationRsp(NO_FEATURES)))
                            : SbiResponse.problem(CapifCause.API_INVOKER_NOT_AUTHORIZED.problem(
                                    "this AEF holds no authorization for the invoker"));
                }
                case ROOT + "/revoke-authorization" -> {
                    if (!CCF_ID.equals(caller)) {
                        yield SbiResponse.problem(CapifCause.ROLE_NOT_ALLOWED.problem(
                                "revoke-authorization is for the CCF"));
                    }
                    RevokeAuthorizationReq r = SbiJson.read(request.body(), RevokeAuthorizationReq.class);
                    if (r.revokeInfo() == null || r.revokeInfo().apiInvokerId() == null) {
                        yield SbiResponse.problem(CapifCause.MANDATORY_IE_MISSING.problem("revokeInfo is required"));
                    }
                    authorizations.revoke(r.revokeInfo().apiInvokerId());
                    yield SbiResponse.json(200, SbiJson.write(new RevokeAuthorizationRsp(NO_FEATURES)));
                }
                default -> SbiResponse.problem(CapifCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such resource"));
            };
        } catch (SbiJsonException e) {
            return SbiResponse.problem(CapifCause.INVALID_MSG_FORMAT.problem(e.getMessage()));
        }
    }

    /**
     * TS 29.222 6.2.2.2.2: the invoker asks about itself only; the AEF fetches its credentials from the CCF (always:
     * this AEF keeps no key between handshakes, and a fresh answer also catches a revocation) and keeps the
     * authorization.
     */
    private SbiResponse initiateAuthentication(String caller, String apiInvokerId) {
        if (!caller.equals(apiInvokerId)) {
            return SbiResponse.problem(CapifCause.ROLE_NOT_ALLOWED.problem(
                    "check-authentication is for the CCF or the API invoker about itself"));
        }
        try {
            if (ccf.fetch(apiInvokerId).isEmpty()) {
                return SbiResponse.problem(CapifCause.API_INVOKER_NOT_AUTHORIZED.problem(
                        "the CCF holds no authorization for the invoker at this AEF"));
            }
        } catch (CapifCallException e) {
            LOG.info("Initiate_Authentication of {}: the CCF did not answer: {}", apiInvokerId, e.getMessage());
            return SbiResponse.problem(CapifCause.SYSTEM_FAILURE.problem("the CCF could not be asked"));
        }
        return SbiResponse.json(200, SbiJson.write(new CheckAuthenticationRsp(NO_FEATURES)));
    }
}
