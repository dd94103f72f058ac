package org.keygate.sepp.edge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sepp.routing.ApiRoot;
import org.keygate.tls.plmn.PlmnId;

/**
 * The producer-side SEPP's gate (TS 33.501 5.9.3.2; keygate is never an open proxy, from outside either): a request
 * a peer sends over N32-f may only target an NF of this SEPP's own PLMNs, and only a service API that peer is
 * allowed to use here (per-peer inbound allowlist; a peer without an entry may use none).
 *
 * <p>In TLS mode the target is the {@code 3gpp-Sbi-Target-apiRoot} header (TS 33.501 13.1.1.2: kept by the sending
 * SEPP), see {@link #check(SbiRequest, String)}; with PRINS it is the reconstructed request line's scheme and
 * authority (TS 33.501 13.2.4.3), see {@link #check(ApiRoot, String, String)}. Pure and thread-safe.
 */
public final class InboundTargetCheck {
    private static final Pattern API = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private final Set<PlmnId> ownPlmns;
    private final Map<String, Set<String>> allowedApisByPeer;

    /** @param allowedApisByPeer peer name to the service APIs ({@code nudm-ueau}, ...) it may call here. */
    public InboundTargetCheck(Collection<PlmnId> ownPlmns, Map<String, Set<String>> allowedApisByPeer) {
        this.ownPlmns = Set.copyOf(ownPlmns);
        if (this.ownPlmns.isEmpty()) {
            throw new IllegalArgumentException("ownPlmns: [] (expected: this SEPP's PLMN IDs)");
        }
        allowedApisByPeer.forEach((peer, apis) -> apis.forEach(api -> {
            if (!API.matcher(api).matches()) {
                throw new IllegalArgumentException("inbound allowedApis of peer " + peer + ": " + api
                        + " (expected: a service API name such as nudm-ueau)");
            }
        }));
        this.allowedApisByPeer = Map.copyOf(allowedApisByPeer.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
    }

    /** TLS mode: the target from {@code 3gpp-Sbi-Target-apiRoot}; passes the request on. */
    public EdgeCheckResult<SbiRequest> check(SbiRequest request, String peerName) {
        List<String> values = request.headers().all("3gpp-sbi-target-apiroot");
        if (values.isEmpty()) {
            return EdgeCheckResult.fail(EdgeViolation.TARGET_MISSING, "3gpp-Sbi-Target-apiRoot is missing");
        }
        Optional<ApiRoot> target = values.size() == 1 ? ApiRoot.parse(values.getFirst()) : Optional.empty();
        if (target.isEmpty()) {
            return EdgeCheckResult.fail(EdgeViolation.TARGET_MALFORMED,
                    "3gpp-Sbi-Target-apiRoot is not one valid apiRoot");
        }
        return switch (check(target.get(), request.pathWithoutQuery(), peerName)) {
            case EdgeCheckResult.Pass<ApiRoot> p -> new EdgeCheckResult.Pass<>(request);
            case EdgeCheckResult.Fail<ApiRoot> f -> new EdgeCheckResult.Fail<>(f.violation(), f.problem());
        };
    }

    /**
     * Any mode: {@code target} and the path relative to it ({@code /<apiName>/<version>/...}). With PRINS the
     * request line carries no apiPrefix boundary: pass the authority as an ApiRoot without prefix and the whole path.
     */
    public EdgeCheckResult<ApiRoot> check(ApiRoot target, String path, String peerName) {
        Optional<PlmnId> plmn = target.hostIsName() ? PlmnId.fromFqdn(target.host()) : Optional.empty();
        if (plmn.isEmpty() || !ownPlmns.contains(plmn.get())) {
            return EdgeCheckResult.fail(EdgeViolation.TARGET_NOT_IN_OWN_PLMN,
                    "the target is not an NF of this SEPP's PLMN");
        }
        // TS 29.501 4.4.1: {apiRoot}/<apiName>/<apiVersion>/..., the apiRoot including any apiPrefix.
        String p = path;
        String api = p.startsWith("/") && p.indexOf('/', 1) > 1 ? p.substring(1, p.indexOf('/', 1)) : "";
        if (!allowedApisByPeer.getOrDefault(peerName, Set.of()).contains(api)) {
            return EdgeCheckResult.fail(EdgeViolation.API_NOT_ALLOWED,
                    "the service API is not allowed for this roaming partner");
        }
        return new EdgeCheckResult.Pass<>(target);
    }
}
