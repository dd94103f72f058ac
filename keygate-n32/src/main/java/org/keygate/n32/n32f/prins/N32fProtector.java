package org.keygate.n32.n32f.prins;

import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.n32.ri.ModificationsVerifier;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.jwe.FlatJweOctets;
import org.keygate.n32.n32f.jwe.N32fJweDecrypter;
import org.keygate.n32.n32f.jwe.N32fJweEncrypter;
import org.keygate.n32.n32f.jwe.VerifiedN32fJwe;
import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fBlocksJson;
import org.keygate.n32.n32f.model.N32fMessageJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.n32.n32f.reformat.N32fReconstructor;
import org.keygate.n32.n32f.reformat.N32fReformatter;
import org.keygate.n32.n32f.reformat.Reformatted;
import org.keygate.n32.n32f.reformat.UnprotectableMessageException;

/**
 * PRINS for one N32-f context (TS 33.501 13.2.4): reformat and encrypt outgoing SBI messages, decrypt, check and
 * rebuild incoming ones. Outgoing metaData names the peer's context ID, incoming must name this SEPP's own
 * (DESIGN.md: a message carries the receiving SEPP's ID); a response echoes its request's messageId.
 *
 * <p>Roaming Intermediary modifications are verified and applied to the clear part after the JWE verified, by the
 * context's {@link ModificationsVerifier}; without one (no RI on the path) any modificationsBlock or authorizedIpxId is
 * refused (INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED). Thread-safe.
 */
public final class N32fProtector {
    private final PrinsContext context;
    private final N32fContextCrypto crypto;
    private final ModificationsVerifier modifications;

    /** A context with no Roaming Intermediary on the path. */
    public N32fProtector(PrinsContext context) {
        this(context, null);
    }

    /** A context whose incoming messages may carry RI modifications, checked by {@code modifications}. */
    public N32fProtector(PrinsContext context, ModificationsVerifier modifications) {
        this.context = context;
        this.crypto = N32fContextCrypto.of(context);
        this.modifications = modifications;
    }

    public N32fReformattedReqMsg protectRequest(ClearRequest request, EncryptionPlan plan, String messageId)
            throws UnprotectableMessageException {
        return protectRequest(request, plan, messageId, MetaData.NO_IPX);
    }

    /** With {@code authorizedIpxId}, the FQDN of the RI this SEPP lets modify the message (TS 33.501 13.2.4.3.1.2). */
    public N32fReformattedReqMsg protectRequest(ClearRequest request, EncryptionPlan plan, String messageId,
            String authorizedIpxId) throws UnprotectableMessageException {
        return new N32fReformattedReqMsg(sealRequest(request, plan, messageId, authorizedIpxId).json(), null);
    }

    /**
     * As {@link #protectRequest(ClearRequest, EncryptionPlan, String, String)}, written: the JSON of the
     * N32fReformattedReqMsg, as {@link N32fMessageJson#write(N32fReformattedReqMsg)} gives it.
     */
    public byte[] protectRequestJson(ClearRequest request, EncryptionPlan plan, String messageId,
            String authorizedIpxId) throws UnprotectableMessageException {
        return N32fMessageJson.write(sealRequest(request, plan, messageId, authorizedIpxId));
    }

    private FlatJweOctets sealRequest(ClearRequest request, EncryptionPlan plan, String messageId,
            String authorizedIpxId) throws UnprotectableMessageException {
        return seal(N32fReformatter.request(request, plan, outgoing(messageId, authorizedIpxId)),
                crypto.outgoingRequests);
    }

    public N32fReformattedRspMsg protectResponse(ClearResponse response, EncryptionPlan plan, String requestMessageId)
            throws UnprotectableMessageException {
        return protectResponse(response, plan, requestMessageId, MetaData.NO_IPX);
    }

    /**
     * With {@code authorizedIpxId}, the RI this SEPP lets modify its answer (TS 33.501 13.2.4.5.2: on an answer the
     * answering SEPP's RI is the first RI).
     */
    public N32fReformattedRspMsg protectResponse(ClearResponse response, EncryptionPlan plan, String requestMessageId,
            String authorizedIpxId) throws UnprotectableMessageException {
        return new N32fReformattedRspMsg(sealResponse(response, plan, requestMessageId, authorizedIpxId).json(), null);
    }

    /**
     * As {@link #protectResponse(ClearResponse, EncryptionPlan, String, String)}, written: the JSON of the
     * N32fReformattedRspMsg, as {@link N32fMessageJson#write(N32fReformattedRspMsg)} gives it.
     */
    public byte[] protectResponseJson(ClearResponse response, EncryptionPlan plan, String requestMessageId,
            String authorizedIpxId) throws UnprotectableMessageException {
        return N32fMessageJson.write(sealResponse(response, plan, requestMessageId, authorizedIpxId));
    }

    private FlatJweOctets sealResponse(ClearResponse response, EncryptionPlan plan, String requestMessageId,
            String authorizedIpxId) throws UnprotectableMessageException {
        return seal(N32fReformatter.response(response, plan, outgoing(requestMessageId, authorizedIpxId)),
                crypto.outgoingResponses);
    }

    /** Outgoing metaData names the peer's context ID (DESIGN.md). */
    private MetaData outgoing(String messageId, String authorizedIpxId) {
        return new MetaData(context.remoteContextId().value(), messageId, authorizedIpxId);
    }

    private static FlatJweOctets seal(Reformatted r, N32fJweEncrypter direction) {
        return direction.seal(N32fBlocksJson.write(r.integrityProtected()), N32fBlocksJson.write(r.encrypted()));
    }

    public Unprotected<ClearRequest> unprotectRequest(N32fReformattedReqMsg message) throws N32fException {
        return unprotectRequest(message, null);
    }

    /**
     * With {@code aad}, the aad of this message as read to find this context ({@link ReceivedAad#read}): used as it
     * is, not read again, once the JWE verified.
     */
    public Unprotected<ClearRequest> unprotectRequest(N32fReformattedReqMsg message, ReceivedAad aad)
            throws N32fException {
        Opened o = open(message.reformattedData(), message.modificationsBlock(), crypto.incomingRequests, aad);
        return new Unprotected<>(N32fReconstructor.request(o.block, o.cipher), o.block.metaData().messageId());
    }

    public Unprotected<ClearResponse> unprotectResponse(N32fReformattedRspMsg message, String requestMessageId)
            throws N32fException {
        Opened o = open(message.reformattedData(), message.modificationsBlock(), crypto.incomingResponses, null);
        if (!requestMessageId.equals(o.block.metaData().messageId())) {
            throw new N32fException(N32fErrorType.INTEGRITY_CHECK_FAILED,
                    "the response's messageId does not echo its request's");
        }
        return new Unprotected<>(N32fReconstructor.response(o.block, o.cipher), o.block.metaData().messageId());
    }

    private Opened open(FlatJweJson jwe, List<FlatJwsJson> modifications, N32fJweDecrypter decrypter,
            ReceivedAad received) throws N32fException {
        if (jwe == null) {
            throw new N32fException(N32fErrorType.DECIPHERING_FAILED, "reformattedData is missing");
        }
        boolean modified = modifications != null && !modifications.isEmpty();
        if (modified && this.modifications == null) {
            throw new N32fException(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED,
                    "Roaming Intermediary modifications are not accepted on this context");
        }
        VerifiedN32fJwe verified = received == null ? decrypter.decrypt(jwe)
                : decrypter.decrypt(jwe, received.encoded(), received.decoded());
        DataToIntegrityProtectAndCipherBlock cipher;
        try {
            cipher = N32fBlocksJson.readCipherBlock(verified.plaintext());
        } catch (SbiJsonException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, "the protected blocks are not valid JSON");
        }
        if (this.modifications == null) {
            // No RI may change it: read straight into the block, without the tree modifications are applied to (a
            // tree and its conversion were a tenth of the receiving side's time per message, issue 10).
            return new Opened(unmodifiedBlock(received == null ? readBlock(verified.aad()) : received.blockOf(jwe)),
                    cipher);
        }
        JsonNode aad;
        try {
            aad = SbiJson.read(verified.aad(), JsonNode.class);
        } catch (SbiJsonException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, "the protected blocks are not valid JSON");
        }
        MetaData meta = metaData(aad);
        namesThisContext(meta);
        aad = this.modifications.apply(aad, modifications, jwe.tag(), meta);
        DataToIntegrityProtectBlock block;
        try {
            block = SbiJson.mapper().treeToValue(aad, DataToIntegrityProtectBlock.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                    "the integrity-protected block is not a DataToIntegrityProtectBlock");
        }
        return new Opened(block, cipher);
    }

    private static DataToIntegrityProtectBlock readBlock(byte[] aad) throws N32fException {
        try {
            return N32fBlocksJson.readBlock(aad);
        } catch (SbiJsonException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                    "the integrity-protected block is not a DataToIntegrityProtectBlock");
        }
    }

    /** The aad of a context without RIs: its metaData must name this context and no authorized IPX. */
    private DataToIntegrityProtectBlock unmodifiedBlock(DataToIntegrityProtectBlock block) throws N32fException {
        MetaData meta = block == null ? null : block.metaData();
        if (meta == null || meta.n32fContextId() == null || meta.messageId() == null) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, "metaData is incomplete");
        }
        namesThisContext(meta);
        if (!meta.noAuthorizedIpx()) {
            throw new N32fException(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED,
                    "an authorized IPX is named, but this context accepts no modifications");
        }
        return block;
    }

    private void namesThisContext(MetaData meta) throws N32fException {
        if (!context.localContextId().value().equalsIgnoreCase(meta.n32fContextId())) {
            throw new N32fException(N32fErrorType.CONTEXT_NOT_FOUND, "metaData names another N32-f context");
        }
    }

    /** The metaData as received: the RIs may not change it, and the checks above need it before they run. */
    private static MetaData metaData(JsonNode aad) throws N32fException {
        JsonNode m = aad.path("metaData");
        if (!m.path("n32fContextId").isTextual() || !m.path("messageId").isTextual()) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, "metaData is incomplete");
        }
        return new MetaData(m.get("n32fContextId").asText(), m.get("messageId").asText(),
                m.path("authorizedIpxId").isTextual() ? m.get("authorizedIpxId").asText() : null);
    }

    private record Opened(DataToIntegrityProtectBlock block, DataToIntegrityProtectAndCipherBlock cipher) {}

    /** An incoming message rebuilt in the clear, with its N32-f messageId. */
    public record Unprotected<T>(T message, String messageId) {}

}
