package org.keygate.capif.aef;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.Pem;
import org.keygate.capif.ccf.CapifCause;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;

/**
 * The CAPIF-2e side of the AEF: who the caller is (PSK identity = API invoker ID, TS 33.122 6.5.2.1; or the CN of a
 * CCF-issued certificate, 6.5.2.2), whether the CCF authorized it for this API here (checked on every call, TS 33.122
 * 6.5.2.1 last step), then the sample northbound API: {@code GET {apiPrefix}/hello} answers who called and how.
 * Each invocation whose invoker is known, answered or refused, is logged at the CCF ({@link InvocationLogger}).
 */
final class NorthboundApi implements SbiHandler {
    private final String apiPrefix;
    private final java.util.function.Supplier<String> apiId;
    private final Authorizations authorizations;
    private final CcfSecurityFetch ccf;
    private final Executor executor;
    private final BearerTokens tokens;
    private final String aefId;
    private final java.util.function.Supplier<String> apiName;
    private final InvocationLogger invocationLog;
    private final java.util.function.Supplier<org.keygate.crypto.capif.AefInterfaceId> ownInterface;

    NorthboundApi(String apiPrefix, java.util.function.Supplier<String> apiId, Authorizations authorizations,
            CcfSecurityFetch ccf, Executor executor, BearerTokens tokens, String aefId,
            java.util.function.Supplier<String> apiName, InvocationLogger invocationLog,
            java.util.function.Supplier<org.keygate.crypto.capif.AefInterfaceId> ownInterface) {
        this.invocationLog = invocationLog;
        this.ownInterface = ownInterface;
        this.tokens = tokens;
        this.aefId = aefId;
        this.apiName = apiName;
        this.apiPrefix = apiPrefix;
        this.apiId = apiId;
        this.authorizations = authorizations;
        this.ccf = ccf;
        this.executor = executor;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        return CompletableFuture.supplyAsync(() -> {
            long begin = System.nanoTime();
            java.time.Instant at = java.time.Instant.now();
            Answer a = answer(request, connection);
            if (a.invoker() != null) {
                log(request, connection, a, at, (System.nanoTime() - begin) / 1_000_000);
            }
            return a.response();
        }, executor);
    }

    /** What the API answered and to whom (null when the caller could not be identified: nothing to log). */
    private record Answer(String invoker, SecurityMethod method, SbiResponse response) {}

    /** The sample API's version, as it is published (keygate capif aef and lab). */
    static final String API_VERSION = "v1";

    /**
     * TS 29.222 8.7.4.2.3 Log of one invocation: the invoker's address and the security method it used on CAPIF-2e
     * as srcInterface, this interface as destInterface; the resource is the last path segment.
     */
    private void log(SbiRequest request, SbiConnection c, Answer a, java.time.Instant at, long latencyMs) {
        String path = request.pathWithoutQuery();
        String resource = path.substring(path.lastIndexOf('/') + 1);
        var local = ownInterface.get();
        var remote = c.remoteAddress();
        org.keygate.capif.model.InterfaceDescription src = new org.keygate.capif.model.InterfaceDescription(
                remote.getAddress() instanceof java.net.Inet6Address ? null : remote.getAddress().getHostAddress(),
                remote.getAddress() instanceof java.net.Inet6Address ? remote.getAddress().getHostAddress() : null,
                null, remote.getPort(), null, List.of(a.method()));
        org.keygate.capif.model.InterfaceDescription dest = local == null ? null
                : org.keygate.capif.model.InterfaceDescription.ipv4(local.host(), local.port(), local.apiPrefix(), null);
        String scheme = "https://" + (local == null ? "localhost" : local.host() + ":" + local.port());
        invocationLog.record(a.invoker(), new org.keygate.capif.model.Log(apiId.get(), apiName.get(), API_VERSION,
                resource, scheme + path, c.protocol().startsWith("h2") ? "HTTP_2" : "HTTP_1_1", request.method(),
                Integer.toString(a.response().status()),
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(java.time.ZoneOffset.UTC)),
                latencyMs, null, null, src, dest, null));
    }

    private Answer answer(SbiRequest request, SbiConnection c) {
        var session = c.bcTlsSession().orElseThrow(() -> new IllegalStateException("CAPIF-2e runs on BC TLS"));
        String invoker;
        SecurityMethod method;
        if (session.pskIdentity().isPresent()) {
            invoker = session.pskIdentity().get();
            method = SecurityMethod.PSK;
        } else if (!session.peerCertificates().isEmpty()) {
            invoker = CcfCertificateAuthority.commonName(session.peerCertificates().getFirst());
            method = SecurityMethod.PKI;
            if (invoker == null || !pkiAuthorized(invoker, c)) {
                return new Answer(invoker, method, SbiResponse.problem(CapifCause.API_INVOKER_NOT_AUTHORIZED.problem(
                        "the certificate is not authorized by the CCF for this API here")));
            }
        } else if (bearer(request).isPresent()) {
            // OAuth (TS 33.122 6.5.2.3): a CCF token for this AEF and API, and OAUTH still selected at the CCF.
            invoker = tokens.verify(bearer(request).get(), aefId, apiName.get()).orElse(null);
            method = SecurityMethod.OAUTH;
            if (invoker == null) {
                return new Answer(null, method, SbiResponse.problem(CapifCause.INVALID_TOKEN.problem(
                        "the access token does not verify")));
            }
            if (!selected(invoker, SecurityMethod.OAUTH, null)) {
                return new Answer(invoker, method, SbiResponse.problem(CapifCause.API_INVOKER_NOT_AUTHORIZED.problem(
                        "OAUTH is not (or no longer) selected for this invoker here")));
            }
        } else {
            return new Answer(null, null, SbiResponse.problem(CapifCause.CLIENT_CERTIFICATE_REQUIRED.problem(
                    "CAPIF-2e needs TLS-PSK, a CCF-issued certificate or a CCF access token (TS 33.122 6.5.2)")));
        }
        authorizations.track(invoker, c);
        if (!authorizations.allows(invoker, apiId.get())) {
            return new Answer(invoker, method, SbiResponse.problem(CapifCause.API_INVOKER_NOT_AUTHORIZED.problem(
                    "the API invoker is not authorized for this API (revoked or never granted)")));
        }
        String path = request.pathWithoutQuery();
        if (!request.method().equals("GET") || !path.equals(apiPrefix + "/hello")) {
            return new Answer(invoker, method, SbiResponse.problem(
                    CapifCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such resource")));
        }
        return new Answer(invoker, method, SbiResponse.json(200, SbiJson.write(Map.of("hello", invoker,
                "securityMethod", method.value(), "apiId", apiId.get()))));
    }

    /** PKI (TS 33.122 6.5.2.2): the CCF chose PKI for this invoker here and names this very certificate. */
    private boolean pkiAuthorized(String invoker, SbiConnection c) {
        return selected(invoker, SecurityMethod.PKI, Pem.of(c.peerCertificates().getFirst()));
    }

    /** The CCF selected {@code method} for this invoker at this interface (and, if given, names that certificate). */
    private boolean selected(String invoker, SecurityMethod method, String certificatePem) {
        try {
            List<SecurityInformation> mine = ccf.fetch(invoker);
            return mine.stream().anyMatch(i -> method.equals(i.selSecurityMethod()) && (certificatePem == null
                    || i.authenticationInfo() != null
                            && normalise(i.authenticationInfo()).equals(normalise(certificatePem))));
        } catch (CapifCallException | RuntimeException e) {
            return false;
        }
    }

    private static java.util.Optional<String> bearer(SbiRequest request) {
        return request.headers().first("authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
    }

    private static String normalise(String pem) {
        return pem.replaceAll("\\s", "");
    }

}
