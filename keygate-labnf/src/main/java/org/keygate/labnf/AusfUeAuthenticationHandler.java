package org.keygate.labnf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.keygate.crypto.aka.FiveGAka;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sbi.http.OriginatingNetworkId;
import org.keygate.tls.plmn.PlmnId;

/**
 * A lab AUSF serving Nausf_UEAuthentication for 5G AKA (TS 29.509 5.2.2.2, TS 33.501 6.1.3.2):
 *
 * <ul>
 *   <li>{@code POST /nausf-auth/v1/ue-authentications} with AuthenticationInfo {@code {supiOrSuci,
 *       servingNetworkName}}: fetches a 5G HE AV from the UDM (Nudm_UEAU over h2c), keeps XRES* and KAUSF, answers
 *       201 UEAuthenticationCtx {@code {authType, 5gAuthData: {rand, hxresStar, autn}, _links: {5g-aka}}} with
 *       {@code Location} (TS 33.501 6.1.3.2 step 5: the SEAF gets the 5G SE AV, HXRES* instead of XRES*);
 *   <li>{@code PUT .../ue-authentications/{authCtxId}/5g-aka-confirmation} with {@code {resStar}}: compares RES*
 *       with XRES* in constant time (step 11) and answers ConfirmationDataResponse {@code {authResult, supi,
 *       kseaf}}; a context is used once and expires after {@link AusfSettings#contextLifetime()}.
 * </ul>
 *
 * <p>When the request carries {@code 3gpp-Sbi-Originating-Network-Id} (inserted and checked by the SEPPs), its PLMN
 * must be the serving network name's, else 403 SERVING_NETWORK_NOT_AUTHORIZED (TS 33.501 6.1.2, TS 29.509).
 *
 * <p>UDM errors reach the caller with their status and cause for 4xx and 501; a UDM that cannot be reached or fails
 * gives 504 UPSTREAM_SERVER_ERROR (TS 29.509). Owns an {@link SbiClient}: {@link #close()} it.
 */
public final class AusfUeAuthenticationHandler implements SbiHandler, AutoCloseable {
    static final String COLLECTION = "/nausf-auth/v1/ue-authentications";
    private static final String CONFIRMATION = "/5g-aka-confirmation";
    private static final Pattern SNN = Pattern.compile("^5G:mnc[0-9]{3}[.]mcc[0-9]{3}[.]3gppnetwork[.]org$");
    private static final Pattern RES_STAR = Pattern.compile("^[A-Fa-f0-9]{32}$");
    private static final HexFormat HEX = HexFormat.of();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AusfUeAuthenticationHandler.class);

    private final AusfSettings settings;
    private final SbiClient client = SbiClient.builder().cleartext().build();
    private final ConcurrentHashMap<String, AuthContext> contexts = new ConcurrentHashMap<>();
    private volatile CompletableFuture<SbiClientConnection> udm;

    private record AuthContext(String supi, String servingNetworkName, byte[] xresStar, SecretBytes kausf,
            Instant expiresAt) {}

    public AusfUeAuthenticationHandler(AusfSettings settings) {
        this.settings = settings;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        String path = request.pathWithoutQuery();
        if (path.equals(COLLECTION)) {
            return request.method().equals("POST") ? authenticate(request)
                    : CompletableFuture.completedFuture(notAllowed("POST"));
        }
        if (path.startsWith(COLLECTION + "/") && path.endsWith(CONFIRMATION)) {
            String id = path.substring(COLLECTION.length() + 1, path.length() - CONFIRMATION.length());
            return CompletableFuture.completedFuture(request.method().equals("PUT") ? confirm(id, request)
                    : notAllowed("PUT"));
        }
        return CompletableFuture.completedFuture(
                SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such resource")));
    }

    private CompletionStage<SbiResponse> authenticate(SbiRequest request) {
        JsonNode body;
        try {
            body = SbiJson.read(request.body(), JsonNode.class);
        } catch (SbiJsonException e) {
            return done(UdmUeauHandler.invalid(SbiCause.INVALID_MSG_FORMAT, "", e.getMessage()));
        }
        String supiOrSuci = body.path("supiOrSuci").asText("");
        String snn = body.path("servingNetworkName").asText("");
        if (supiOrSuci.isEmpty() || supiOrSuci.length() > 256) {
            return done(UdmUeauHandler.invalid(SbiCause.MANDATORY_IE_MISSING, "/supiOrSuci", "supiOrSuci is missing"));
        }
        if (!SNN.matcher(snn).matches()) {
            return done(UdmUeauHandler.invalid(snn.isEmpty() ? SbiCause.MANDATORY_IE_MISSING
                    : SbiCause.MANDATORY_IE_INCORRECT, "/servingNetworkName", "servingNetworkName is not valid"));
        }
        // TS 33.501 6.1.2 / 6.1.3.2 step 2: the AUSF checks that the requester is entitled to the serving network
        // name. Across N32 the home SEPP has checked 3gpp-Sbi-Originating-Network-Id against its N32-f context
        // (TS 33.501 5.9.3.2), so that header names the requesting network: its PLMN must be the name's.
        Optional<PlmnId> requester = request.headers().first(OriginatingNetworkId.HEADER)
                .flatMap(OriginatingNetworkId::parse).map(OriginatingNetworkId::plmn);
        if (requester.isPresent() && !requester.equals(PlmnId.fromServingNetworkName(snn))) {
            return done(SbiResponse.problem(ProblemDetails.of(403, "Forbidden", "SERVING_NETWORK_NOT_AUTHORIZED",
                    "the serving network name is not the requesting network's")));
        }
        if (contexts.size() >= settings.maxContexts()) {
            expire();
            if (contexts.size() >= settings.maxContexts()) {
                return done(SbiResponse.problem(SbiCause.INSUFFICIENT_RESOURCES.problem("too many open contexts")));
            }
        }
        ObjectNode req = SbiJson.mapper().createObjectNode();
        req.put("servingNetworkName", snn);
        req.put("ausfInstanceId", settings.nfInstanceId().toString());
        if (body.has("resynchronizationInfo")) {
            req.set("resynchronizationInfo", body.get("resynchronizationInfo"));
        }
        SbiRequest toUdm = SbiRequest.json("POST", "/nudm-ueau/v1/" + URLEncoder.encode(supiOrSuci,
                StandardCharsets.UTF_8) + "/security-information/generate-auth-data", SbiJson.write(req));
        return udm().thenCompose(c -> c.send(toUdm, settings.udmAuthority(), "http"))
                .thenApply(rsp -> fromUdm(rsp, snn))
                .exceptionally(failure -> {
                    udm = null; // reconnect next time
                    return upstreamError("the UDM could not be reached");
                });
    }

    private SbiResponse fromUdm(SbiResponse rsp, String snn) {
        if (rsp.status() != 200) {
            if ((rsp.status() >= 400 && rsp.status() < 500) || rsp.status() == 501) {
                return new SbiResponse(rsp.status(), SbiHeaders.of("content-type",
                        rsp.contentType().orElse(SbiResponse.PROBLEM_JSON)), rsp.body());
            }
            return upstreamError("the UDM failed");
        }
        JsonNode result;
        try {
            result = SbiJson.read(rsp.body(), JsonNode.class);
        } catch (SbiJsonException e) {
            return upstreamError("the UDM's answer is not valid JSON");
        }
        JsonNode av = result.path("authenticationVector");
        String rand = av.path("rand").asText("");
        String xresStar = av.path("xresStar").asText("");
        String autn = av.path("autn").asText("");
        String kausf = av.path("kausf").asText("");
        String supi = result.path("supi").asText("");
        if (!av.path("avType").asText("").equals("5G_HE_AKA") || !rand.matches("^[A-Fa-f0-9]{32}$")
                || !RES_STAR.matcher(xresStar).matches() || !autn.matches("^[A-Fa-f0-9]{32}$")
                || !kausf.matches("^[A-Fa-f0-9]{64}$") || supi.isEmpty()) {
            return upstreamError("the UDM's answer carries no 5G HE AV");
        }
        byte[] xres = HEX.parseHex(xresStar);
        String id = UUID.randomUUID().toString();
        contexts.put(id, new AuthContext(supi, snn, xres, SecretBytes.copyOf(HEX.parseHex(kausf)),
                settings.clock().instant().plus(settings.contextLifetime())));
        String location = settings.apiRoot() + COLLECTION + "/" + id;
        ObjectNode ctx = SbiJson.mapper().createObjectNode();
        ctx.put("authType", "5G_AKA");
        ObjectNode data = ctx.putObject("5gAuthData");
        data.put("rand", rand.toLowerCase(java.util.Locale.ROOT));
        data.put("hxresStar", HEX.formatHex(FiveGAka.hxresStar(HEX.parseHex(rand), xres)));
        data.put("autn", autn.toLowerCase(java.util.Locale.ROOT));
        ctx.putObject("_links").putObject("5g-aka").put("href", location + CONFIRMATION);
        ctx.put("servingNetworkName", snn);
        return new SbiResponse(201, SbiHeaders.of("content-type", "application/3gppHal+json", "location", location),
                SbiJson.write(ctx));
    }

    private SbiResponse confirm(String id, SbiRequest request) {
        JsonNode body;
        try {
            body = SbiJson.read(request.body(), JsonNode.class);
        } catch (SbiJsonException e) {
            return UdmUeauHandler.invalid(SbiCause.INVALID_MSG_FORMAT, "", e.getMessage());
        }
        String resStar = body.path("resStar").asText("");
        if (!RES_STAR.matcher(resStar).matches()) {
            return UdmUeauHandler.invalid(resStar.isEmpty() ? SbiCause.MANDATORY_IE_MISSING
                    : SbiCause.MANDATORY_IE_INCORRECT, "/resStar", "resStar is not 32 hex digits");
        }
        AuthContext ctx = contexts.remove(id); // used once, whatever the outcome
        if (ctx == null) {
            return SbiResponse.problem(ProblemDetails.of(404, "Not Found", "CONTEXT_NOT_FOUND",
                    "no such authentication context"));
        }
        ObjectNode out = SbiJson.mapper().createObjectNode();
        boolean expired = !settings.clock().instant().isBefore(ctx.expiresAt());
        boolean success = !expired && MessageDigest.isEqual(HEX.parseHex(resStar), ctx.xresStar());
        reportToUdm(ctx, success);
        if (!success) {
            out.put("authResult", "AUTHENTICATION_FAILURE");
        } else {
            SecretBytes kseaf = FiveGAka.kseaf(ctx.kausf(), ctx.servingNetworkName());
            out.put("authResult", "AUTHENTICATION_SUCCESS");
            out.put("supi", ctx.supi());
            out.put("kseaf", HEX.formatHex(kseaf.toByteArray(InsecureSecretAccess.get())));
            kseaf.destroy();
        }
        ctx.kausf().destroy();
        return SbiResponse.json(200, SbiJson.write(out));
    }

    /**
     * TS 33.501 6.1.4.1 / TS 29.503 5.4.2.3: the AUSF tells the UDM the outcome (Nudm_UEAU_ResultConfirmation).
     * Sent without waiting: the UE's answer does not depend on it; a failure is logged once per occurrence.
     */
    private void reportToUdm(AuthContext ctx, boolean success) {
        ObjectNode event = SbiJson.mapper().createObjectNode();
        event.put("nfInstanceId", settings.nfInstanceId().toString());
        event.put("success", success);
        event.put("timeStamp", java.time.format.DateTimeFormatter.ISO_INSTANT.format(settings.clock().instant()));
        event.put("authType", "5G_AKA");
        event.put("servingNetworkName", ctx.servingNetworkName());
        SbiRequest r = SbiRequest.json("POST", "/nudm-ueau/v1/" + ctx.supi() + "/auth-events", SbiJson.write(event));
        udm().thenCompose(c -> c.send(r, settings.udmAuthority(), "http")).whenComplete((rsp, failure) -> {
            if (failure != null || rsp.status() != 201) {
                log.warn("lab AUSF: the UDM did not take the authentication result ({})",
                        failure != null ? failure.getClass().getSimpleName() : "status " + rsp.status());
            }
        });
    }

    private void expire() {
        Instant now = settings.clock().instant();
        for (Map.Entry<String, AuthContext> e : contexts.entrySet()) {
            if (!now.isBefore(e.getValue().expiresAt()) && contexts.remove(e.getKey(), e.getValue())) {
                e.getValue().kausf().destroy();
            }
        }
    }

    private CompletableFuture<SbiClientConnection> udm() {
        CompletableFuture<SbiClientConnection> c = udm;
        if (c == null || c.isCompletedExceptionally()) {
            synchronized (this) {
                c = udm;
                if (c == null || c.isCompletedExceptionally()) {
                    c = client.connect(settings.udmAddress(), null);
                    udm = c;
                }
            }
        }
        return c;
    }

    /** Open authentication contexts (for tests and a gauge). */
    public int openContexts() {
        return contexts.size();
    }

    private static SbiResponse upstreamError(String detail) {
        return SbiResponse.problem(ProblemDetails.of(504, "Gateway Timeout", "UPSTREAM_SERVER_ERROR", detail));
    }

    private static SbiResponse notAllowed(String allowed) {
        return new SbiResponse(405, SbiHeaders.of("allow", allowed, "content-type", SbiResponse.PROBLEM_JSON),
                SbiJson.write(ProblemDetails.of(405, "Method Not Allowed", null, "only " + allowed + " is allowed")));
    }

    private static CompletionStage<SbiResponse> done(SbiResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public void close() {
        client.close();
        contexts.values().forEach(c -> c.kausf().destroy());
        contexts.clear();
    }
}
