package org.keygate.sepp.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.routing.RoutingDecision.Forward;
import org.keygate.sepp.routing.RoutingDecision.Refuse;
import org.keygate.tls.plmn.PlmnId;

/**
 * The consumer-side SEPP's routing decision for a request an NF (or SCP) of its own PLMN sends it:
 *
 * <ol>
 *   <li>the target apiRoot from {@code 3gpp-Sbi-Target-apiRoot} (TS 29.500 5.2.3.2.4, 6.1), else from the
 *       {@code :authority} if it is a telescopic FQDN of this SEPP (TS 33.501 13.1.1.1, TS 23.003 28.5.2); when
 *       both name a target they must agree, and telescopic FQDNs of other SEPPs are refused (TS 33.517 4.2.2.9);
 *   <li>the target PLMN from the target's FQDN (TS 23.003 28.2);
 *   <li>the partner configured for that PLMN, and its {@link PeerRoute};
 *   <li>the service API (first path segment, TS 29.501 4.4.1) against the route's allowlist, and
 *       {@code 3gpp-Sbi-Interplmn-Purpose} against its purposes (TS 29.500 6.14.3).
 * </ol>
 *
 * <p>Anything else is a {@link Refuse} with the {@link RoutingRefusal}'s cause: no request leaves for a PLMN
 * without a partner, or for an API not allowed with it (TS 33.501 5.9.3.2). Pure: no I/O, thread-safe.
 */
public final class SbiRouter {
    /** TS 29.500 5.2.3.2.4, lowercased as on HTTP/2. */
    public static final String TARGET_API_ROOT = "3gpp-sbi-target-apiroot";
    /** TS 29.500 5.2.3.3.11. */
    public static final String INTERPLMN_PURPOSE = "3gpp-sbi-interplmn-purpose";

    /** Replaced as a whole by {@link #reconfigure}; read once per request. */
    private volatile RoutingSettings settings;
    private final PeerDirectory peers;
    private final TelescopicFqdns telescopic;

    public SbiRouter(RoutingSettings settings, PeerDirectory peers, TelescopicFqdns telescopic) {
        this.peers = peers;
        this.telescopic = telescopic;
        this.settings = checked(settings, peers.all());
    }

    /**
     * Routes with {@code next} from the next request on (a configuration reload, issue 18); {@code partners} is the
     * partner table the reload brings, which each route must name.
     */
    public void reconfigure(RoutingSettings next, List<PeerSepp> partners) {
        this.settings = checked(next, partners);
    }

    private static RoutingSettings checked(RoutingSettings settings, List<PeerSepp> partners) {
        for (String name : settings.routes().keySet()) {
            if (partners.stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("routes: peer " + name + " is not configured (expected one of "
                        + partners.stream().map(PeerSepp::name).toList() + ")");
            }
        }
        return settings;
    }

    public RoutingDecision route(SbiRequest request) {
        RoutingSettings settings = this.settings;
        List<String> headers = request.headers().all(TARGET_API_ROOT);
        if (headers.size() > 1) {
            return refuse(RoutingRefusal.MALFORMED_TARGET, "3gpp-Sbi-Target-apiRoot appears more than once");
        }
        // TS 33.517 4.2.2.9: a telescopic :authority decides; one under another SEPP's domain is refused.
        Optional<String> authority = request.headers().first("host");
        Optional<String> authorityLabel = authority.flatMap(telescopic::labelOf);
        if (authorityLabel.isEmpty() && authority.map(telescopic::isTelescopicForm).orElse(false)) {
            return refuse(RoutingRefusal.FOREIGN_TELESCOPIC_DOMAIN,
                    "the :authority is a telescopic FQDN of another SEPP, not of " + telescopic.seppDomain());
        }
        ApiRoot byAuthority = null;
        if (authorityLabel.isPresent()) {
            Optional<String> foreign = telescopic.foreignFqdn(authorityLabel.get());
            if (foreign.isEmpty()) {
                return refuse(RoutingRefusal.UNKNOWN_TELESCOPIC_LABEL, "the telescopic label maps to no FQDN");
            }
            // Roaming SBI runs over https (TS 33.501 13.1); the telescopic FQDN stands for the host only.
            byAuthority = new ApiRoot("https", foreign.get(), -1, "");
        }
        ApiRoot target;
        boolean telescoped = false;
        if (headers.size() == 1) {
            Optional<ApiRoot> parsed = ApiRoot.parse(headers.getFirst());
            if (parsed.isEmpty()) {
                return refuse(RoutingRefusal.MALFORMED_TARGET, "3gpp-Sbi-Target-apiRoot is not a valid apiRoot");
            }
            target = parsed.get();
            // TS 33.501 13.1.1.1 step 2: the header may carry a telescopic FQDN too.
            Optional<String> label = telescopic.labelOf(target.host());
            if (label.isPresent()) {
                Optional<String> foreign = telescopic.foreignFqdn(label.get());
                if (foreign.isEmpty()) {
                    return refuse(RoutingRefusal.UNKNOWN_TELESCOPIC_LABEL, "the telescopic label maps to no FQDN");
                }
                target = new ApiRoot(target.scheme(), foreign.get(), target.port(), target.prefix());
            } else if (telescopic.isTelescopicForm(target.host())) {
                return refuse(RoutingRefusal.FOREIGN_TELESCOPIC_DOMAIN,
                        "3gpp-Sbi-Target-apiRoot names a telescopic FQDN of another SEPP");
            }
            if (byAuthority != null && !byAuthority.host().equalsIgnoreCase(target.host())) {
                return refuse(RoutingRefusal.TARGET_MISMATCH, "the telescopic :authority and "
                        + "3gpp-Sbi-Target-apiRoot name different targets");
            }
        } else if (byAuthority != null) {
            target = byAuthority;
            telescoped = true;
        } else {
            return refuse(RoutingRefusal.NO_TARGET,
                    "no 3gpp-Sbi-Target-apiRoot header and no telescopic FQDN of this SEPP");
        }
        Optional<PlmnId> plmn = target.hostIsName() ? PlmnId.fromFqdn(target.host()) : Optional.empty();
        if (plmn.isEmpty()) {
            return refuse(RoutingRefusal.TARGET_NOT_IN_A_PLMN, "the target host is not a 5GC FQDN of a PLMN");
        }
        if (settings.ownPlmns().contains(plmn.get())) {
            return refuse(RoutingRefusal.TARGET_IN_OWN_PLMN, "the target is in this SEPP's own PLMN");
        }
        PeerSepp peer = firstPeerFor(plmn.get());
        if (peer == null) {
            return refuse(RoutingRefusal.NO_PEER_FOR_PLMN, "no roaming partner is configured for PLMN " + plmn.get());
        }
        PeerRoute route = settings.routes().get(peer.name());
        Optional<String> api = apiName(request.pathWithoutQuery());
        if (api.isEmpty()) {
            return refuse(RoutingRefusal.NO_API_NAME, "the request path names no service API");
        }
        if (!route.allowedApis().contains(api.get())) {
            return refuse(RoutingRefusal.API_NOT_ALLOWED,
                    "service API " + api.get() + " is not allowed toward PLMN " + plmn.get());
        }
        if (!route.allowedPurposes().isEmpty()) {
            for (String purpose : request.headers().all(INTERPLMN_PURPOSE)) {
                // TS 29.500 5.2.3.3.11: N32Purpose ":" additional-info.
                String p = purpose.strip();
                int colon = p.indexOf(':');
                String value = (colon < 0 ? p : p.substring(0, colon)).strip();
                if (!route.allowedPurposes().contains(value)) {
                    return refuse(RoutingRefusal.PURPOSE_NOT_ALLOWED,
                            "the inter-PLMN purpose is not allowed toward PLMN " + plmn.get());
                }
            }
        }
        return new Forward(peer, plmn.get(), target, api.get(), rebuild(request, target, telescoped));
    }

    /**
     * The first configured partner (in configuration order) serving {@code plmn} with a route, or null; a loop, not a
     * stream and its list: asked per request (0.6 % of a visited PRINS SEPP's samples, issue 10).
     */
    private PeerSepp firstPeerFor(PlmnId plmn) {
        for (PeerSepp p : peers.all()) {
            if (p.plmnIds().contains(plmn) && settings.routes().containsKey(p.name())) {
                return p;
            }
        }
        return null;
    }

    /** TS 29.501 4.4.1: {@code /<apiName>/<apiVersion>/...}; the name in ServiceName form. */
    static Optional<String> apiName(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        int end = path.indexOf('/', 1);
        String name = path.substring(1, end < 0 ? path.length() : end).toLowerCase(Locale.ROOT);
        return end > 0 && isServiceName(name) ? Optional.of(name) : Optional.empty();
    }

    /** {@code ^[a-z][a-z0-9-]{0,62}$}, read by hand: asked per request (issue 10). */
    private static boolean isServiceName(String name) {
        if (name.isEmpty() || name.length() > 63 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) { // a loop, not a stream: per request (0.6 % of a SEPP's samples)
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static SbiRequest rebuild(SbiRequest request, ApiRoot target, boolean telescoped) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        for (Map.Entry<String, String> e : request.headers().entries()) {
            if (e.getKey().equals("host") || e.getKey().equals(TARGET_API_ROOT)) {
                continue;
            }
            h.add(e);
        }
        h.add(Map.entry(TARGET_API_ROOT, target.toString()));
        return new SbiRequest(request.method(), request.path(), new SbiHeaders(h), request.body());
    }

    private static Refuse refuse(RoutingRefusal reason, String detail) {
        return new Refuse(reason, reason.problem(detail));
    }
}
