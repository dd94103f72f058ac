package org.keygate.capif.aef;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCause;
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

/**
 * AEF_Security_API (TS 29.222 8.6), called by the CCF only (its certificate's CN is {@value #CCF_ID}):
 * {@code check-authentication} answers whether this AEF holds an authorization for the invoker;
 * {@code revoke-authorization} drops it and closes the invoker's CAPIF-2e connections.
 */
final class AefSecurityApi implements SbiHandler {
    static final String ROOT = "/aef-security/v1";
    /** The CN the CCF gives its own certificate. */
    static final String CCF_ID = "ccf";
    /** keygate negotiates no optional features of this API. */
    static final String NO_FEATURES = "0";
    private final Authorizations authorizations;

    AefSecurityApi(Authorizations authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        return CompletableFuture.completedFuture(answer(request, connection));
    }

    private SbiResponse answer(SbiRequest request, SbiConnection connection) {
        if (connection.peerCertificates().isEmpty()
                || !CCF_ID.equals(CcfCertificateAuthority.commonName(connection.peerCertificates().getFirst()))) {
            return SbiResponse.problem(CapifCause.ROLE_NOT_ALLOWED.problem("the AEF security API is for the CCF"));
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
                    yield authorizations.known(r.apiInvokerId())
                            ? SbiResponse.json(200, SbiJson.write(new CheckAuthenticationRsp(NO_FEATURES)))
                            : SbiResponse.problem(CapifCause.API_INVOKER_NOT_AUTHORIZED.problem(
                                    "this AEF holds no authorization for the invoker"));
                }
                case ROOT + "/revoke-authorization" -> {
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
}
