package org.keygate.ipx.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.sbi.json.SbiJson;

/** An IPX's identity, signing key and modification rules, for this module's tests and the SEPP's tests through IPXs. */
public final class IpxFixtures {
    public static final String IPX_ID = "ipx.example.org";

    private IpxFixtures() {}

    public static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Modifications with {@code key}, a policy allowing servingNetworkName and ausfInstanceId, and these rules. */
    public static IpxNodeConfig.Modifications modifications(KeyPair key, ModificationRule... rules) {
        return new IpxNodeConfig.Modifications((ECPrivateKey) key.getPrivate(), new ModificationPolicy(List.of(
                "/payload/*/value/servingNetworkName", "/payload/*/value/ausfInstanceId")), List.of(rules));
    }

    /** POST generate-auth-data: {@code op} on {@code pointer} of the body with {@code value}. */
    public static ModificationRule rule(String op, String pointer, String value) {
        JsonNode operation = SbiJson.mapper().createObjectNode().put("op", op).put("path", pointer).put("value", value);
        return new ModificationRule(Optional.of("POST"), "/nudm-ueau/v1/*/security-information/generate-auth-data",
                List.of(operation));
    }
}
