package org.keygate.sepp.nf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured NFs of this PLMN by target authority, case-insensitive. An entry {@code host:port} matches that
 * authority only; an entry {@code host} matches the host with any port or none (RFC 3986 3.2: the port is part of the
 * authority, and peers such as Open5GS write it, e.g. {@code udm.5gc.mnc001.mcc001.3gppnetwork.org:8080}); the request
 * goes to the entry's address either way. An exact entry wins over a host-only one.
 */
public final class NfRoutes {
    private final Map<String, NfRoute> byAuthority;

    public NfRoutes(List<NfRoute> routes) {
        this.byAuthority = routes.stream().collect(Collectors.toUnmodifiableMap(NfRoute::authority,
                Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("two routes for authority " + a.authority());
                }));
    }

    public static NfRoutes none() {
        return new NfRoutes(List.of());
    }

    public Optional<NfRoute> route(String authority) {
        if (authority == null) {
            return Optional.empty();
        }
        String a = authority.toLowerCase(Locale.ROOT);
        NfRoute exact = byAuthority.get(a);
        if (exact != null) {
            return Optional.of(exact);
        }
        int colon = a.lastIndexOf(':');
        // host:port with a decimal port; a bracketed IPv6 literal's own colons sit before its ']'
        if (colon > 0 && colon > a.lastIndexOf(']') && colon < a.length() - 1
                && a.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.ofNullable(byAuthority.get(a.substring(0, colon)));
        }
        return Optional.empty();
    }

    /**
     * The route for a target apiRoot's scheme and authority: the authority as given, else without the scheme's
     * default port (RFC 9110 4.2: {@code udm...:443} under https is {@code udm...}).
     */
    public Optional<NfRoute> route(String scheme, String authority) {
        Optional<NfRoute> exact = route(authority);
        if (exact.isPresent() || authority == null || scheme == null) {
            return exact;
        }
        String defaultPort = scheme.equalsIgnoreCase("https") ? ":443" : scheme.equalsIgnoreCase("http") ? ":80" : null;
        return defaultPort != null && authority.endsWith(defaultPort)
                ? route(authority.substring(0, authority.length() - defaultPort.length())) : Optional.empty();
    }

    public List<NfRoute> all() {
        return List.copyOf(byAuthority.values());
    }
}
