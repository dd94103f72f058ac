package org.keygate.n32.n32f.prins;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fBlocksJson;
import org.keygate.sbi.json.SbiJson;

/**
 * A JWE's {@code aad} as received, read once, before anything is verified: the receiving SEPP picks the N32-f context
 * whose keys can verify the JWE by metaData's N32-f context ID (TS 33.501 13.2.4.2). Nothing read here is trusted:
 * {@link N32fProtector} uses the block only once the JWE it came from verified, and checks the same metaData then.
 *
 * <p>Read straight into a DataToIntegrityProtectBlock, which the protector of a context without Roaming Intermediaries
 * takes as it is instead of reading the aad a second time (the second read was 4 % of a home SEPP's samples in PRINS,
 * issue 10). An aad that is a JSON object but not such a block is read again as tokens for its metaData alone, so that
 * the error still goes to the context it names; what is accepted is exactly a JSON object within {@link SbiJson}'s
 * limits and its duplicate-member check.
 */
public final class ReceivedAad {
    private final String encoded;
    /** {@code encoded} decoded: the JSON the block was read from, for the decrypter (issue 10: not decoded twice). */
    private final byte[] json;
    private final MetaData metaData;
    private final DataToIntegrityProtectBlock block;

    private ReceivedAad(String encoded, byte[] json, MetaData metaData, DataToIntegrityProtectBlock block) {
        this.encoded = encoded;
        this.json = json;
        this.metaData = metaData;
        this.block = block;
    }

    /**
     * The aad of {@code jwe}; empty when it cannot be read at all (absent, not base64url, not a JSON object): an
     * unreadable JWE, DECIPHERING_FAILED (docs/N32F.md).
     *
     * @throws N32fException MESSAGE_RECONSTRUCTION_FAILED when the aad is JSON past SbiJson's limits (such as 20,000
     *     nested arrays): the JWE may well be genuine, but this SEPP cannot rebuild the message from it; that is the
     *     reason to give, not CONTEXT_NOT_FOUND, which would tell the partner to drop a context that exists (issue 12
     *     item 7)
     */
    public static Optional<ReceivedAad> read(FlatJweJson jwe) throws N32fException {
        if (jwe == null || jwe.aad() == null) {
            return Optional.empty();
        }
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(jwe.aad());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            // The shape keygate writes by hand, anything else by the mapper (N32fBlocksJson).
            DataToIntegrityProtectBlock block = N32fBlocksJson.plainBlock(json);
            if (block == null) {
                block = SbiJson.mapper().readValue(json, DataToIntegrityProtectBlock.class);
            }
            if (block == null) {
                return Optional.empty();
            }
            MetaData meta = block.metaData() == null ? new MetaData(null, null, null) : block.metaData();
            return Optional.of(new ReceivedAad(jwe.aad(), json, meta, block));
        } catch (StreamConstraintsException e) {
            throw beyondLimits(e);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof StreamConstraintsException c) {
                throw beyondLimits(c);
            }
            return metaDataOnly(jwe.aad(), json);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The metaData as written, members that are not strings as null. */
    public MetaData metaData() {
        return metaData;
    }

    /** The aad as received (base64url). */
    String encoded() {
        return encoded;
    }

    /**
     * The aad decoded, for {@link org.keygate.n32.n32f.jwe.N32fJweDecrypter#decrypt(FlatJweJson, String, byte[])},
     * which takes it only for a JWE with this aad.
     */
    byte[] decoded() {
        return json;
    }

    /**
     * The block read from {@code jwe}'s aad, or null when the aad was not a DataToIntegrityProtectBlock; for the
     * protector, after {@code jwe} verified. A ReceivedAad of another JWE's aad gives nothing.
     */
    DataToIntegrityProtectBlock blockOf(FlatJweJson jwe) throws N32fException {
        if (!encoded.equals(jwe.aad())) {
            throw new IllegalArgumentException("this aad was read from another JWE");
        }
        if (block == null) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                    "the integrity-protected block is not a DataToIntegrityProtectBlock");
        }
        return block;
    }

    /** An aad that is JSON but not a block: its metaData from the tokens, the parser's limits still applied. */
    private static Optional<ReceivedAad> metaDataOnly(String encoded, byte[] json) throws N32fException {
        try (JsonParser p = SbiJson.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            MetaData meta = new MetaData(null, null, null);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("metaData".equals(name) && value == JsonToken.START_OBJECT) {
                    meta = metaDataObject(p);
                } else {
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? Optional.of(new ReceivedAad(encoded, json, meta, null)) : Optional.empty();
        } catch (StreamConstraintsException e) {
            throw beyondLimits(e);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The members of metaData's object, the parser at its START_OBJECT; leaves it at the matching END_OBJECT. */
    private static MetaData metaDataObject(JsonParser p) throws IOException {
        String contextId = null;
        String messageId = null;
        String authorizedIpxId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
            switch (name) {
                case "n32fContextId" -> contextId = text;
                case "messageId" -> messageId = text;
                case "authorizedIpxId" -> authorizedIpxId = text;
                default -> { }
            }
            p.skipChildren();
        }
        return new MetaData(contextId, messageId, authorizedIpxId);
    }

    private static N32fException beyondLimits(StreamConstraintsException e) {
        return new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                "the JWE's aad cannot be read: " + SbiJson.limitMessage(e));
    }

    @Override
    public String toString() {
        return "ReceivedAad[" + metaData + "]";
    }
}
