package org.keygate.sepp.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.tls.plmn.PlmnId;

/**
 * Anti-spoofing at the receiving SEPP (TS 33.501 5.9.3.2 "cross-layer validation of ... identifiers (e.g. FQDNs or
 * PLMN IDs)", TS 33.517 4.2.2.x): every PLMN ID the message claims for its sender must be one of the PLMN IDs of the
 * peer the N32-f context was made with. Looked at: serving network names and PlmnId objects in the JSON body (by
 * member name, anywhere, see {@link PlmnIdCheckSettings}), and the {@code consumerPlmnId} claim of the OAuth 2.0
 * access token in {@code Authorization: Bearer} (TS 29.510 AccessTokenClaims; the token is parsed, not verified:
 * the producer NF verifies it).
 *
 * <p>A body that is not valid JSON fails (it could not be checked); a bearer token that is not a JWT, or a JWT
 * without {@code consumerPlmnId}, says nothing about the PLMN and passes. {@code 3gpp-Sbi-Originating-Network-Id} is
 * checked by {@link OriginatingNetworkIdCheck}. Pure and thread-safe.
 */
public final class PlmnIdConsistencyCheck {
    private static final String BEARER = "bearer ";
    /** A JWT access token longer than this is not parsed (and fails, as unreadable). */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final PlmnIdCheckSettings settings;

    public PlmnIdConsistencyCheck(PlmnIdCheckSettings settings) {
        this.settings = settings;
    }

    public EdgeCheckResult<SbiRequest> check(SbiRequest request, Collection<PlmnId> peerPlmns) {
        JsonNode body = null;
        if (request.body().length > 0 && isJson(request.contentType().orElse(""))) {
            try {
                body = SbiJson.read(request.body(), JsonNode.class);
            } catch (SbiJsonException | IllegalArgumentException e) {
                return EdgeCheckResult.fail(EdgeViolation.BODY_UNREADABLE, "the JSON body could not be read");
            }
        }
        return switch (check(request.headers().entries(), body, peerPlmns)) {
            case EdgeCheckResult.Pass<JsonNode> p -> new EdgeCheckResult.Pass<>(request);
            case EdgeCheckResult.Fail<JsonNode> f -> new EdgeCheckResult.Fail<>(f.violation(), f.problem());
        };
    }

    /**
     * The same check on a message already parsed, e.g. a reconstructed PRINS {@code ClearRequest}'s headers and JSON
     * body ({@code null} when none), so the body is not parsed twice. Passes on an empty body node if none.
     */
    public EdgeCheckResult<JsonNode> check(List<Map.Entry<String, String>> headers, JsonNode body,
            Collection<PlmnId> peerPlmns) {
        JsonNode b = body == null ? SbiJson.mapper().nullNode() : body;
        Optional<String> bad = firstForeignPlmn(b, peerPlmns);
        if (bad.isPresent()) {
            return EdgeCheckResult.fail(EdgeViolation.BODY_PLMN_ID_MISMATCH,
                    "member " + bad.get() + " names a PLMN other than the sending SEPP's");
        }
        if (settings.checkAccessToken()) {
            for (Map.Entry<String, String> h : headers) {
                if (!h.getKey().equalsIgnoreCase("authorization")) {
                    continue;
                }
                TokenClaim claim = consumerPlmn(h.getValue());
                if (claim.present() && (claim.plmn().isEmpty() || !peerPlmns.contains(claim.plmn().get()))) {
                    return EdgeCheckResult.fail(EdgeViolation.ACCESS_TOKEN_PLMN_ID_MISMATCH,
                            "the access token's consumerPlmnId is not a PLMN of the sending SEPP");
                }
            }
        }
        return new EdgeCheckResult.Pass<>(b);
    }

    /** The member name of the first PLMN claim not in {@code peerPlmns}; depth is bounded by SbiJson's limits. */
    private Optional<String> firstForeignPlmn(JsonNode root, Collection<PlmnId> peerPlmns) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isArray()) {
                n.forEach(todo::push);
            } else if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    String name = e.getKey();
                    JsonNode v = e.getValue();
                    if (settings.servingNetworkNameMembers().contains(name) && v.isTextual()) {
                        Optional<PlmnId> p = PlmnId.fromServingNetworkName(v.asText());
                        // "5G:NSWO" (TS 29.503) names no PLMN; anything else unreadable is a claim we cannot accept.
                        if (!v.asText().equals("5G:NSWO") && (p.isEmpty() || !peerPlmns.contains(p.get()))) {
                            return Optional.of(name);
                        }
                    } else if (settings.plmnIdMembers().contains(name) && v.isObject()) {
                        Optional<PlmnId> p = fromPlmnIdObject(v);
                        if (p.isEmpty() || !peerPlmns.contains(p.get())) {
                            return Optional.of(name);
                        }
                    }
                    todo.push(v);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PlmnId> fromPlmnIdObject(JsonNode v) {
        try {
            return Optional.of(new PlmnId(v.path("mcc").asText(""), v.path("mnc").asText("")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code consumerPlmnId} claim of a JWT bearer token (parsed only, RFC 6750 2.1, TS 29.510): absent, present
     * as a PlmnId, or present but no PlmnId (which cannot be accepted as the peer's).
     */
    record TokenClaim(boolean present, Optional<PlmnId> plmn) {
        static final TokenClaim ABSENT = new TokenClaim(false, Optional.empty());
    }

    static TokenClaim consumerPlmn(String authorization) {
        if (authorization.length() <= BEARER.length() || authorization.length() > MAX_TOKEN_LENGTH
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return TokenClaim.ABSENT;
        }
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(authorization.substring(BEARER.length()).strip()).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            return TokenClaim.ABSENT;
        }
        Object c = claims.getClaim("consumerPlmnId");
        if (c == null) {
            return TokenClaim.ABSENT;
        }
        if (c instanceof Map<?, ?> m && m.get("mcc") instanceof String mcc && m.get("mnc") instanceof String mnc) {
            try {
                return new TokenClaim(true, Optional.of(new PlmnId(mcc, mnc)));
            } catch (IllegalArgumentException e) {
                return new TokenClaim(true, Optional.empty());
            }
        }
        return new TokenClaim(true, Optional.empty());
    }

    private static boolean isJson(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        String type = (semi < 0 ? ct : ct.substring(0, semi)).strip();
        return type.equals("application/json") || type.endsWith("+json");
    }
}
