package org.keygate.sepp.policy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.keygate.sepp.n32c.model.ApiIeMapping;
import org.keygate.sepp.n32c.model.IeInfo;
import org.keygate.sepp.n32c.model.ProtectionPolicy;

/**
 * The protection policy a SEPP sends when its configuration names none: the data types TS 33.501 5.9.3.3 always
 * encrypts plus SUPI (UEID, "should" in 5.9.3.3 and keygate's default, DESIGN.md), and one API mapping, for
 * Nudm_UEAU generate-auth-data, the first message of every roaming registration (TS 29.573 needs at least one).
 */
public final class DefaultProtectionPolicy {
    private DefaultProtectionPolicy() {}

    public static ProtectionPolicy get() {
        return new ProtectionPolicy(List.of(new ApiIeMapping(
                TextNode.valueOf("/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data"), "POST",
                List.of(new IeInfo("URI_PARAM", "UEID", "supiOrSuci", null, false, null),
                        new IeInfo("BODY", "AUTHENTICATION_MATERIAL", null, "/authenticationVector", false, null),
                        new IeInfo("BODY", "UEID", null, "/supi", false, null)))),
                List.of("UEID", "LOCATION", "KEY_MATERIAL", "AUTHENTICATION_MATERIAL", "AUTHORIZATION_TOKEN"));
    }
}
