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

    public List<NfRoute> all() {
        return List.copyOf(byAuthority.values());
    }
}
