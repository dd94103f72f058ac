package org.keygate.sepp.nf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured NFs of this PLMN by target authority ({@code host} or {@code host:port}, case-insensitive). */
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
        return authority == null ? Optional.empty()
                : Optional.ofNullable(byAuthority.get(authority.toLowerCase(Locale.ROOT)));
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
