package org.keygate.sepp.routing;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What this SEPP forwards to one roaming partner: the service APIs (the {@code apiName} of TS 29.501 4.4.1, e.g.
 * {@code nudm-ueau}) and, optionally, the inter-PLMN purposes (TS 29.573 N32Purpose, checked against
 * {@code 3gpp-Sbi-Interplmn-Purpose}, TS 29.500 6.14.3). An empty purpose set means the header is not checked.
 *
 * @param peerName the {@link org.keygate.sepp.peer.PeerSepp#name()} this route belongs to.
 */
public record PeerRoute(String peerName, Set<String> allowedApis, Set<String> allowedPurposes) {
    /** TS 29.501 4.4.1 / TS 29.510 ServiceName: lowercase letters, digits and "-". */
    private static final Pattern API_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    public PeerRoute {
        Objects.requireNonNull(peerName, "peerName");
        allowedApis = Set.copyOf(allowedApis);
        allowedPurposes = Set.copyOf(allowedPurposes);
        if (allowedApis.isEmpty()) {
            throw new IllegalArgumentException("allowedApis of peer " + peerName
                    + ": [] (expected: at least one service API; keygate is never an open proxy)");
        }
        for (String api : allowedApis) {
            if (!API_NAME.matcher(api).matches()) {
                throw new IllegalArgumentException("allowedApis of peer " + peerName + ": " + api
                        + " (expected: a service API name such as nudm-ueau)");
            }
        }
    }

    public PeerRoute(String peerName, Set<String> allowedApis) {
        this(peerName, allowedApis, Set.of());
    }
}
