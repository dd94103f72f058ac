package org.keygate.sepp.edge;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@link PlmnIdConsistencyCheck} looks for the sender's PLMN ID in a message received over N32-f.
 *
 * @param servingNetworkNameMembers JSON member names whose string value is a serving network name
 *     ({@code 5G:mncXXX.mccYYY.3gppnetwork.org}, TS 24.501 9.12.1 / TS 33.501 6.1.1.4), anywhere in the body.
 * @param plmnIdMembers JSON member names whose object value is a TS 29.571 PlmnId ({@code {"mcc","mnc"}}).
 * @param checkAccessToken whether the bearer access token's {@code consumerPlmnId} claim is compared.
 */
public record PlmnIdCheckSettings(Set<String> servingNetworkNameMembers, Set<String> plmnIdMembers,
        boolean checkAccessToken) {
    private static final Pattern MEMBER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");

    public PlmnIdCheckSettings {
        servingNetworkNameMembers = Set.copyOf(servingNetworkNameMembers);
        plmnIdMembers = Set.copyOf(plmnIdMembers);
    }

    /** The defaults: {@code servingNetworkName} (TS 29.503, TS 29.509), {@code vplmnId} (TS 29.502), the token. */
    public static PlmnIdCheckSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Set<String> snn = new LinkedHashSet<>(Set.of("servingNetworkName"));
        private final Set<String> plmn = new LinkedHashSet<>(Set.of("vplmnId"));
        private boolean token = true;

        private Builder() {}

        public Builder servingNetworkNameMembers(Set<String> names) {
            snn.clear();
            snn.addAll(check("servingNetworkNameMembers", names));
            return this;
        }

        public Builder plmnIdMembers(Set<String> names) {
            plmn.clear();
            plmn.addAll(check("plmnIdMembers", names));
            return this;
        }

        public Builder checkAccessToken(boolean check) {
            this.token = check;
            return this;
        }

        public PlmnIdCheckSettings build() {
            return new PlmnIdCheckSettings(snn, plmn, token);
        }

        private static Set<String> check(String setting, Set<String> names) {
            for (String n : names) {
                if (n == null || !MEMBER.matcher(n).matches()) {
                    throw new IllegalArgumentException(setting + ": " + n + " (expected: a JSON member name)");
                }
            }
            return names;
        }
    }
}
