package org.keygate.sepp.ipx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.n32f.N32fErrorType;
import org.keygate.sepp.n32f.N32fException;
import org.keygate.sepp.n32f.model.FlatJwsJson;
import org.keygate.sepp.n32f.model.MetaData;
import org.keygate.sepp.n32f.model.Modifications;

/**
 * The receiving SEPP's check of Roaming Intermediary modifications (TS 33.501 13.2.4.7; TS 33.517 4.2.2.2, 4.2.2.3,
 * 4.2.2.7, 4.2.2.8), then their application to the verified DataToIntegrityProtectBlock, in order:
 *
 * <ul>
 * <li>at most two RIs: the first is the cRI named in metaData.authorizedIpxId, checked against the cRI's policy
 *     received over N32-c; the second the pRI, checked against the locally configured policy;
 * <li>each JWS is flattened JSON, {@code alg} ES256 and nothing else (no {@code jwk}, {@code jku}, {@code x5u},
 *     {@code crit}), signed by a key of its identity received over <em>this</em> N32-c connection (or configured for
 *     the pRI), and carries the JWE tag of this very message;
 * <li>each operation follows {@link PatchRules}.
 * </ul>
 *
 * A bad signature, identity, key or tag is INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED; an operation the rules or
 * policies refuse, or that does not apply, is MODIFICATIONS_INSTRUCTIONS_FAILED.
 */
public final class ModificationsVerifier {
    /** TS 33.501 13.2.4.7: a cRI and a pRI at most. */
    public static final int MAX_INTERMEDIARIES = 2;
    private static final java.util.Set<String> HEADER_MEMBERS = java.util.Set.of("alg", "kid", "typ");

    private final Map<String, IpxVerificationKeys> keysByIdentity;
    private final java.util.function.Function<String, ModificationPolicy> criPolicies;
    private final ModificationPolicy priPolicy;

    /** One cRI policy, whoever the cRI is. */
    public ModificationsVerifier(Map<String, IpxVerificationKeys> keysByIdentity, ModificationPolicy criPolicy,
            ModificationPolicy priPolicy) {
        this(keysByIdentity, identity -> criPolicy, priPolicy);
    }

    /**
     * @param criPolicies the cRI's policy by its identity (the authorizedIpxId of the message): what the sending
     *     SEPP's ProtectionPolicy, received over N32-c, lets that RI modify.
     */
    public ModificationsVerifier(Map<String, IpxVerificationKeys> keysByIdentity,
            java.util.function.Function<String, ModificationPolicy> criPolicies, ModificationPolicy priPolicy) {
        this.keysByIdentity = Map.copyOf(keysByIdentity);
        this.criPolicies = criPolicies;
        this.priPolicy = priPolicy;
    }

    /** The block after every verified modification; {@code aad} itself is not changed. */
    public JsonNode apply(JsonNode aad, List<FlatJwsJson> block, String jweTag, MetaData meta) throws N32fException {
        if (block == null || block.isEmpty()) {
            if (!meta.noAuthorizedIpx()) {
                // TS 33.501 13.2.4.5.1 NOTE 2: the authorized RI signs even an empty patch, so none means deleted.
                throw integrity("an RI is authorized but its modifications are missing");
            }
            return aad;
        }
        if (block.size() > MAX_INTERMEDIARIES) {
            throw integrity("more than " + MAX_INTERMEDIARIES + " Roaming Intermediaries modified the message");
        }
        if (meta.noAuthorizedIpx()) {
            throw integrity("modifications, but the sending SEPP authorized no Roaming Intermediary");
        }
        JsonNode current = aad.deepCopy();
        for (int i = 0; i < block.size(); i++) {
            Modifications m = verified(block.get(i), jweTag);
            if (i == 0 && !m.identity().equalsIgnoreCase(meta.authorizedIpxId())) {
                throw integrity("the first modifications are not by the authorized RI");
            }
            List<JsonNode> ops = m.operations() == null ? List.of() : m.operations();
            try {
                // One operation at a time: each is judged against the document as the previous ones left it.
                for (JsonNode op : ops) {
                    PatchRules.check(List.of(op), i == 0 ? criPolicies.apply(m.identity()) : priPolicy, current);
                    current = JsonPatch.apply(JsonNodeFactory.instance.arrayNode().add(op), current);
                }
            } catch (IllegalArgumentException | JsonPatchApplicationException e) {
                throw new N32fException(N32fErrorType.MODIFICATIONS_INSTRUCTIONS_FAILED,
                        "modifications of " + m.identity() + " refused: " + e.getMessage());
            }
        }
        return current;
    }

    private Modifications verified(FlatJwsJson jws, String jweTag) throws N32fException {
        if (jws == null || jws.payload() == null || jws.protectedHeader() == null || jws.signature() == null) {
            throw integrity("a modifications JWS lacks its protected header, payload or signature");
        }
        if (jws.header() != null && !jws.header().isNull() && !jws.header().isEmpty()) {
            throw integrity("unprotected JWS header parameters are not accepted");
        }
        JWSObject object;
        try {
            object = new JWSObject(new Base64URL(jws.protectedHeader()), new Base64URL(jws.payload()),
                    new Base64URL(jws.signature()));
        } catch (ParseException e) {
            throw integrity("a modifications JWS does not parse");
        }
        JWSHeader header = object.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())
                || !HEADER_MEMBERS.containsAll(header.getIncludedParams())) {
            throw integrity("a modifications JWS must be ES256 with no key or critical parameters (TS 33.501 13.2.4.9)");
        }
        Modifications m;
        try {
            m = SbiJson.read(object.getPayload().toBytes(), Modifications.class);
        } catch (SbiJsonException e) {
            throw integrity("a modifications payload is not Modifications JSON");
        }
        if (m == null || m.identity() == null) {
            throw integrity("a modifications payload names no identity");
        }
        IpxVerificationKeys keys = keysByIdentity.get(m.identity().toLowerCase(java.util.Locale.ROOT));
        if (keys == null || !signedByOneOf(object, keys.keys())) {
            throw integrity("the modifications of " + m.identity()
                    + " are not signed by a key received for it over this N32-c connection");
        }
        if (!jweTag.equals(m.tag())) {
            throw integrity("the modifications of " + m.identity() + " are for another message (tag)");
        }
        return m;
    }

    private static boolean signedByOneOf(JWSObject object, List<ECPublicKey> keys) {
        for (ECPublicKey key : keys) {
            try {
                if (object.verify(new ECDSAVerifier(key))) {
                    return true;
                }
            } catch (JOSEException e) {
                // try the next key
            }
        }
        return false;
    }

    /** Keys by lowercased identity, from the IpxProviderSecInfo lists of one N32-c connection and local config. */
    public static Map<String, IpxVerificationKeys> index(List<IpxVerificationKeys> keys) {
        return keys.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                k -> k.ipxProviderId().toLowerCase(java.util.Locale.ROOT), k -> k, (a, b) -> a));
    }

    private static N32fException integrity(String message) {
        return new N32fException(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED, message);
    }
}
