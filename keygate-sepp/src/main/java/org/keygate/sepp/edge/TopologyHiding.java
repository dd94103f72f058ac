package org.keygate.sepp.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.plmn.PlmnId;

/**
 * Rewrites the host of URI-valued headers ({@link TopologyHidingSettings#headers()}): own NF FQDNs to their
 * pseudonyms in what leaves the PLMN ({@link #hide(SbiResponse)}, {@link #hide(SbiRequest)}), pseudonyms back to
 * the NF FQDNs in what comes in ({@link #recover(SbiRequest)}). A header naming an own-PLMN FQDN without pseudonym
 * fails with TOPOLOGY_NOT_MAPPED when the settings say so; a header that is no absolute URI is left alone.
 * Pure and thread-safe.
 */
public final class TopologyHiding {
    /** The settings and their reverse map, replaced together by {@link #reconfigure}. */
    private record State(TopologyHidingSettings settings, Map<String, String> originals) {}

    private volatile State state;

    public TopologyHiding(TopologyHidingSettings settings) {
        this.state = new State(settings, settings.originals());
    }

    /** Hides and recovers with {@code next} from the next message on (a configuration reload, issue 18). */
    public void reconfigure(TopologyHidingSettings next) {
        this.state = new State(next, next.originals());
    }

    /** Outbound, on headers alone (an answer in its clear form, whose body is not touched). */
    public EdgeCheckResult<SbiHeaders> hide(SbiHeaders headers) {
        return rewrite(state, headers, true).<EdgeCheckResult<SbiHeaders>>map(EdgeCheckResult.Pass::new)
                .orElseGet(TopologyHiding::unmapped);
    }

    public EdgeCheckResult<SbiResponse> hide(SbiResponse response) {
        Optional<SbiHeaders> h = rewrite(state, response.headers(), true);
        return h.<EdgeCheckResult<SbiResponse>>map(v -> new EdgeCheckResult.Pass<>(
                new SbiResponse(response.status(), v, response.body()))).orElseGet(TopologyHiding::unmapped);
    }

    public EdgeCheckResult<SbiRequest> hide(SbiRequest request) {
        Optional<SbiHeaders> h = rewrite(state, request.headers(), true);
        return h.<EdgeCheckResult<SbiRequest>>map(v -> new EdgeCheckResult.Pass<>(
                new SbiRequest(request.method(), request.path(), v, request.body())))
                .orElseGet(TopologyHiding::unmapped);
    }

    /** Inbound: pseudonyms back to internal FQDNs; other names pass (the router and the NF decide about them). */
    public SbiRequest recover(SbiRequest request) {
        SbiHeaders h = rewrite(state, request.headers(), false).orElseThrow();
        return new SbiRequest(request.method(), request.path(), h, request.body());
    }

    private static Optional<SbiHeaders> rewrite(State state, SbiHeaders headers, boolean outbound) {
        TopologyHidingSettings settings = state.settings();
        Map<String, String> originals = state.originals();
        Map<String, String> map = outbound ? settings.pseudonyms() : originals;
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.entries().size());
        for (Map.Entry<String, String> e : headers.entries()) {
            if (!settings.headers().contains(e.getKey())) {
                out.add(e);
                continue;
            }
            String value = e.getValue().strip();
            String plain = PlainUriHost.of(value);
            if (plain != null && unchanged(state, plain.toLowerCase(Locale.ROOT), map, outbound)) {
                out.add(e); // the usual case: a host this SEPP neither maps nor must refuse, read without a URI
                continue;
            }
            Optional<URI> uri = absolute(value);
            if (uri.isEmpty()) {
                out.add(e);
                continue;
            }
            String host = uri.get().getHost().toLowerCase(Locale.ROOT);
            String mapped = map.get(host);
            if (mapped == null) {
                if (!unchanged(state, host, map, outbound)) {
                    return Optional.empty();
                }
                out.add(e);
                continue;
            }
            out.add(Map.entry(e.getKey(), withHost(uri.get(), mapped)));
        }
        return Optional.of(new SbiHeaders(out));
    }

    /**
     * Whether a header naming {@code host} (lower case) passes as it is: no pseudonym (or FQDN) to put in its place,
     * and no own-PLMN FQDN without one leaving when the settings refuse those.
     */
    private static boolean unchanged(State state, String host, Map<String, String> map, boolean outbound) {
        TopologyHidingSettings settings = state.settings();
        return !map.containsKey(host) && !(outbound && settings.refuseUnmapped()
                && PlmnId.fromFqdn(host).filter(settings.ownPlmns()::contains).isPresent()
                && !state.originals().containsKey(host));
    }

    private static Optional<URI> absolute(String value) {
        try {
            URI u = new URI(value);
            return u.isAbsolute() && u.getHost() != null ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String withHost(URI u, String host) {
        // Only the host changes; the rest is copied in raw (still encoded) form.
        StringBuilder b = new StringBuilder(u.getScheme()).append("://");
        if (u.getRawUserInfo() != null) {
            b.append(u.getRawUserInfo()).append('@');
        }
        b.append(host);
        if (u.getPort() >= 0) {
            b.append(':').append(u.getPort());
        }
        if (u.getRawPath() != null) {
            b.append(u.getRawPath());
        }
        if (u.getRawQuery() != null) {
            b.append('?').append(u.getRawQuery());
        }
        if (u.getRawFragment() != null) {
            b.append('#').append(u.getRawFragment());
        }
        return b.toString();
    }

    private static <T> EdgeCheckResult<T> unmapped() {
        return EdgeCheckResult.fail(EdgeViolation.TOPOLOGY_NOT_MAPPED,
                "a header names an internal NF that topology hiding has no pseudonym for");
    }
}
