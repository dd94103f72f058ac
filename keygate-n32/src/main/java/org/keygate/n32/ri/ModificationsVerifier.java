package org.keygate.n32.ri;

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
import java.util.Optional;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.Modifications;

/**
 * The receiving SEPP's check of Roaming Intermediary modifications (TS 33.501 13.2.4.7; TS 33.517 4.2.2.2, 4.2.2.3,
 * 4.2.2.7, 4.2.2.8), then their application to the verified DataToIntegrityProtectBlock, in order. The same for a
 * request and for its answer (13.2.4.5.2: on a request the cRI is first and the pRI second, on an answer the pRI
 * first and the cRI second), so what counts is whose RI signed, from this receiving SEPP's point of view:
 *
 * <ul>
 * <li>at most two RIs. The first is the one metaData.authorizedIpxId names: the sending SEPP's RI, verified with the
 *     keys that SEPP announced over <em>this</em> N32-c connection and held to the policy it sent for that RI; or,
 *     when the sending SEPP named one of this SEPP's own RIs (its first hop, 13.2.4.3.1.2), that RI as below. The
 *     second must be one of this SEPP's own RIs (the next RI towards it): verified with the keys configured here
 *     (the ones this SEPP announces), held to this SEPP's own policy for the partner;
 * <li>each JWS is flattened JSON, {@code alg} ES256 and nothing else (no {@code jwk}, {@code jku}, {@code x5u},
 *     {@code crit}), and carries the JWE tag of this very message;
 * <li>each operation follows {@link PatchRules}.
 * </ul>
 *
 * A bad signature, identity, key or tag, or an RI not authorized at its place (e.g. the partner's RI signing second,
 * or this SEPP's RI signing twice) is INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED; an operation the rules or policies
 * refuse, or that does not apply, is MODIFICATIONS_INSTRUCTIONS_FAILED.
 */
public final class ModificationsVerifier {
    /** TS 33.501 13.2.4.5.2: a cRI and a pRI at most. */
    public static final int MAX_INTERMEDIARIES = 2;
    private static final java.util.Set<String> HEADER_MEMBERS = java.util.Set.of("alg", "kid", "typ");

    private final Map<String, IpxVerificationKeys> partnerRis;
    private final java.util.function.Function<String, ModificationPolicy> partnerRiPolicies;
    private final Map<String, IpxVerificationKeys> ownRis;
    private final ModificationPolicy ownRiPolicy;
    /** Asked again for a certified key at each verification: a CRL refresh may have revoked it since (issue 18). */
    private final RiCertificateCheck stillTrusted;

    /** A verifier that trusts every certificate it was given (no revocation checked). */
    public ModificationsVerifier(Map<String, IpxVerificationKeys> partnerRis,
            java.util.function.Function<String, ModificationPolicy> partnerRiPolicies,
            Map<String, IpxVerificationKeys> ownRis, ModificationPolicy ownRiPolicy) {
        this(partnerRis, partnerRiPolicies, ownRis, ownRiPolicy, RiCertificateCheck.NONE);
    }

    /**
     * @param partnerRis keys by lowercased identity ({@link #index}) from the IpxProviderSecInfo the partner sent
     *     over the N32-c connection of the context
     * @param partnerRiPolicies the partner RI's policy by its identity: what the partner's ProtectionPolicy, received
     *     over N32-c, lets that RI modify
     * @param ownRis keys by lowercased identity of this SEPP's own RIs (its configured {@code ipxProviders})
     * @param ownRiPolicy what this SEPP's own policy for the partner lets its own RIs modify
     * @param stillTrusted whether the certificate of the key that verified a modification is still trusted (not
     *     revoked since the handshake); cheap, as it runs per message
     */
    public ModificationsVerifier(Map<String, IpxVerificationKeys> partnerRis,
            java.util.function.Function<String, ModificationPolicy> partnerRiPolicies,
            Map<String, IpxVerificationKeys> ownRis, ModificationPolicy ownRiPolicy, RiCertificateCheck stillTrusted) {
        this.partnerRis = Map.copyOf(partnerRis);
        this.partnerRiPolicies = partnerRiPolicies;
        this.ownRis = Map.copyOf(ownRis);
        this.ownRiPolicy = ownRiPolicy;
        this.stillTrusted = java.util.Objects.requireNonNull(stillTrusted, "stillTrusted");
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
        boolean ownSigned = false;
        for (int i = 0; i < block.size(); i++) {
            Signer signer = i == 0 ? first(meta.authorizedIpxId()) : second(ownSigned);
            Modifications m = verified(block.get(i), jweTag, signer);
            ownSigned |= signer.own();
            List<JsonNode> ops = m.operations() == null ? List.of() : m.operations();
            try {
                // One operation at a time: each is judged against the document as the previous ones left it.
                for (JsonNode op : ops) {
                    PatchRules.check(List.of(op), signer.policy(), current);
                    current = JsonPatch.apply(JsonNodeFactory.instance.arrayNode().add(op), current);
                }
            } catch (IllegalArgumentException | JsonPatchApplicationException e) {
                throw new N32fException(N32fErrorType.MODIFICATIONS_INSTRUCTIONS_FAILED,
                        "modifications of " + m.identity() + " refused: " + e.getMessage());
            }
        }
        return current;
    }

    /** Who may sign at one place of the block: the identity, its keys and the policy it is held to. */
    private record Signer(String identity, IpxVerificationKeys keys, ModificationPolicy policy, boolean own) {}

    /** The RI metaData.authorizedIpxId names: the partner's RI, or one of this SEPP's own if the partner chose it. */
    private Signer first(String authorized) throws N32fException {
        String id = authorized.toLowerCase(java.util.Locale.ROOT);
        IpxVerificationKeys partner = partnerRis.get(id);
        if (partner != null) {
            return new Signer(authorized, partner, partnerRiPolicies.apply(authorized), false);
        }
        IpxVerificationKeys own = ownRis.get(id);
        if (own != null) {
            return new Signer(authorized, own, ownRiPolicy, true);
        }
        throw integrity("the authorized RI " + authorized + " is neither one the partner announced over this N32-c "
                + "connection nor one of this SEPP's");
    }

    /** TS 33.501 13.2.4.7: the second RI is the one nearest this SEPP, so one of its own, verified with its keys. */
    private Signer second(boolean ownSignedFirst) throws N32fException {
        if (ownSignedFirst) {
            throw integrity("a second RI after this SEPP's own: no RI follows the one nearest this SEPP");
        }
        return new Signer(null, null, ownRiPolicy, true);
    }

    private Modifications verified(FlatJwsJson jws, String jweTag, Signer signer) throws N32fException {
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
        IpxVerificationKeys keys;
        if (signer.identity() != null) {
            if (!m.identity().equalsIgnoreCase(signer.identity())) {
                throw integrity("the first modifications are not by the authorized RI");
            }
            keys = signer.keys();
        } else {
            keys = ownRis.get(m.identity().toLowerCase(java.util.Locale.ROOT));
            if (keys == null) {
                throw integrity("the second modifications are by " + m.identity()
                        + ", which is not this SEPP's Roaming Intermediary (TS 33.501 13.2.4.5.2)");
            }
        }
        ECPublicKey key = signerOf(object, keys.keys());
        if (key == null) {
            throw integrity("the modifications of " + m.identity() + " are not signed by a key "
                    + (signer.own() ? "configured for it here" : "received for it over this N32-c connection"));
        }
        // TS 33.310 Annex F.2: a certificate revoked after the handshake no longer vouches for its key (issue 18).
        Optional<String> revoked = keys.certificateOf(key).flatMap(c -> stillTrusted.refusal(keys.ipxProviderId(), c));
        if (revoked.isPresent()) {
            throw integrity("the modifications of " + m.identity() + " are signed with a key whose certificate is "
                    + "no longer trusted: " + revoked.get());
        }
        if (!jweTag.equals(m.tag())) {
            throw integrity("the modifications of " + m.identity() + " are for another message (tag)");
        }
        return m;
    }

    /** The key among {@code keys} that verifies {@code object}; null when none does. */
    private static ECPublicKey signerOf(JWSObject object, List<ECPublicKey> keys) {
        for (ECPublicKey key : keys) {
            try {
                if (object.verify(new ECDSAVerifier(key))) {
                    return key;
                }
            } catch (JOSEException e) {
                // try the next key
            }
        }
        return null;
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
