package org.keygate.n32.ri;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.Modifications;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;

/**
 * The Roaming Intermediary's side (TS 33.501 13.2.4.5): records an RFC 6902 patch of the clear part of a PRINS
 * message as a flattened JWS, ES256 only (13.2.4.9), over {identity, operations, tag}, and appends it to the
 * modificationsBlock. The clear part itself is not touched (the JWE protects it); the receiving SEPP applies the
 * patch after verifying. Checks its own modification policy first, so an RI never signs what a SEPP must refuse.
 * A library for tests now and for keygate's IPX node later.
 */
public final class RiModifier {
    private final String identity;
    private final ECPrivateKey key;
    private final ModificationPolicy policy;

    public RiModifier(String identity, ECPrivateKey key, ModificationPolicy policy) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.key = Objects.requireNonNull(key, "key");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Appends this RI's signed modifications ({@code operations} may be empty: a JWS is due even then). */
    public N32fReformattedReqMsg modify(N32fReformattedReqMsg message, List<JsonNode> operations) {
        FlatJwsJson jws = signature(message.reformattedData().tag(), operations);
        List<FlatJwsJson> block = new ArrayList<>();
        if (message.modificationsBlock() != null) {
            block.addAll(message.modificationsBlock());
        }
        block.add(jws);
        return new N32fReformattedReqMsg(message.reformattedData(), block);
    }

    /**
     * This RI's signed modifications of the message (request or answer alike, TS 33.501 13.2.4.5.2) whose JWE tag is
     * {@code jweTag}, after checking them against its own policy.
     */
    public FlatJwsJson signature(String jweTag, List<JsonNode> operations) {
        PatchRules.check(operations, policy, null);
        return sign(new Modifications(identity, operations, jweTag));
    }

    FlatJwsJson sign(Modifications modifications) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256),
                    new Payload(SbiJson.write(modifications)));
            jws.sign(new ECDSASigner(key));
            return new FlatJwsJson(jws.getPayload().toBase64URL().toString(), jws.getHeader().toBase64URL().toString(),
                    null, jws.getSignature().toString());
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RiModifier[" + identity + "]";
    }
}
