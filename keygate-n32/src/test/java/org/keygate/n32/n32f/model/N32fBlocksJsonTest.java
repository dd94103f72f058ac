package org.keygate.n32.n32f.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.n32.n32f.model.SeededJson.string;
import static org.keygate.n32.n32f.model.SeededJson.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;

/**
 * The PRINS blocks written by hand are, octet for octet, what Jackson writes of the same records; read by hand, they
 * give the record Jackson reads, or the same refusal.
 */
class N32fBlocksJsonTest {
    /** What the edits put in: JSON's structural characters and the starts of its literals. */
    private static final String SPECIALS = "{}[]\",:n01.e \\";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void seededBlocksAreWrittenAsJacksonWritesThem() {
        Random random = new Random(20261203);
        for (int n = 0; n < 3_000; n++) {
            DataToIntegrityProtectBlock block = block(random);
            DataToIntegrityProtectAndCipherBlock cipher = cipherBlock(random);

            assertThat(N32fBlocksJson.write(block)).as("%s", block).isEqualTo(SbiJson.write(block));
            assertThat(N32fBlocksJson.write(cipher)).as("%s", cipher).isEqualTo(SbiJson.write(cipher));
        }
    }

    @Test
    void encryptedValuesThatAreNullAreLeftToJackson() {
        DataToIntegrityProtectAndCipherBlock cipher = new DataToIntegrityProtectAndCipherBlock(
                Arrays.asList(NODES.textNode("x"), null));

        assertThat(N32fBlocksJson.write(cipher)).isEqualTo(SbiJson.write(cipher));
        assertThat(new String(N32fBlocksJson.write(cipher))).isEqualTo("{\"dataToEncrypt\":[\"x\",null]}");
    }

    @Test
    void whatIsReadIsWhatJacksonReadsOrRefusesWithTheSameWords() {
        Random random = new Random(7);
        int readByHand = 0;
        for (int n = 0; n < 5_000; n++) {
            byte[] json = SbiJson.write(block(random));
            byte[] edited = n % 5 == 0 ? json : SeededJson.edit(json, random, SPECIALS);
            Object expected = outcome(() -> SbiJson.read(edited, DataToIntegrityProtectBlock.class));

            assertThat(outcome(() -> N32fBlocksJson.readBlock(edited))).as(new String(edited)).isEqualTo(expected);
            if (N32fBlocksJson.plainBlock(edited) != null) {
                readByHand++;
            }
        }
        // The comparison is worth something only if the hand-written reader took a good part of the inputs.
        assertThat(readByHand).isGreaterThan(1_000);
    }

    @Test
    void cipherBlocksReadAreWhatJacksonReadsOrRefusesWithTheSameWords() {
        Random random = new Random(11);
        for (int n = 0; n < 5_000; n++) {
            byte[] json = SbiJson.write(cipherBlock(random));
            byte[] edited = n % 5 == 0 ? json : SeededJson.edit(json, random, SPECIALS);
            Object expected = outcome(() -> SbiJson.read(edited, DataToIntegrityProtectAndCipherBlock.class));

            assertThat(outcome(() -> N32fBlocksJson.readCipherBlock(edited))).as(new String(edited))
                    .isEqualTo(expected);
        }
    }

    @Test
    void shapesNotWrittenByKeygateAreReadByJackson() {
        for (String json : List.of("{\"metaData\":{\"messageId\":7},\"statusLine\":\"200\"}",
                "{\"statusLine\":200}", "{\"headers\":[{\"header\":\"a\"}]}", "{\"headers\":null}",
                "{\"payload\":[{\"iePath\":\"\",\"ieValueLocation\":\"BODY\",\"value\":{\"n\":1.50}}]}",
                "{\"statusLine\":\"200\",\"unknown\":[1]}", "[]", "{\"dataToEncrypt\":[1e3]}")) {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertThat(N32fBlocksJson.plainBlock(bytes)).as(json).isNull();
            assertThat(outcome(() -> N32fBlocksJson.readBlock(bytes))).as(json)
                    .isEqualTo(outcome(() -> SbiJson.read(bytes, DataToIntegrityProtectBlock.class)));
            assertThat(outcome(() -> N32fBlocksJson.readCipherBlock(bytes))).as(json)
                    .isEqualTo(outcome(() -> SbiJson.read(bytes, DataToIntegrityProtectAndCipherBlock.class)));
        }
    }

    /**
     * A member twice, at each level the readers know: refused with the mapper's words (the readers' parser does not
     * check for duplicates itself, the readers do).
     */
    @Test
    void duplicateMembersAreRefusedAsJacksonRefusesThem() {
        for (String json : List.of("{\"statusLine\":\"200\",\"statusLine\":\"201\"}",
                "{\"metaData\":{\"messageId\":\"1\",\"messageId\":\"2\"}}",
                "{\"requestLine\":{\"path\":\"/a\",\"method\":\"GET\",\"path\":\"/b\"}}",
                "{\"headers\":[{\"header\":\"a\",\"value\":\"1\",\"header\":\"b\"}]}",
                "{\"headers\":[{\"header\":\"a\",\"value\":\"1\",\"value\":\"2\"}]}",
                "{\"payload\":[{\"iePath\":\"\",\"ieValueLocation\":\"BODY\",\"ieValueLocation\":\"BODY\","
                        + "\"value\":{}}]}",
                "{\"payload\":[{\"iePath\":\"\",\"value\":{\"a\":1,\"b\":2,\"c\":{\"d\":1,\"d\":1}}}]}",
                "{\"headers\":[],\"payload\":[],\"headers\":[]}",
                "{\"dataToEncrypt\":[{\"x\":1,\"x\":2}]}", "{\"dataToEncrypt\":[],\"dataToEncrypt\":[]}")) {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Object expected = outcome(() -> SbiJson.read(bytes, DataToIntegrityProtectBlock.class));
            Object expectedCipher = outcome(() -> SbiJson.read(bytes, DataToIntegrityProtectAndCipherBlock.class));

            assertThat(N32fBlocksJson.plainBlock(bytes)).as(json).isNull();
            assertThat(outcome(() -> N32fBlocksJson.readBlock(bytes))).as(json).isEqualTo(expected);
            assertThat(outcome(() -> N32fBlocksJson.readCipherBlock(bytes))).as(json).isEqualTo(expectedCipher);
            assertThat(json.contains("dataToEncrypt") ? expectedCipher : expected).as(json).asString()
                    .startsWith("refused: ");
        }
    }

    /** The value read, or the refusal's message. */
    private static Object outcome(Supplier<Object> read) {
        try {
            return read.get();
        } catch (SbiJsonException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** A request's or a response's block, members absent now and then, values as the reformatter makes them. */
    private static DataToIntegrityProtectBlock block(Random random) {
        MetaData meta = random.nextInt(10) == 0 ? null
                : new MetaData(string(random, 2), string(random, 4), random.nextBoolean() ? MetaData.NO_IPX
                        : string(random, 3));
        boolean request = random.nextBoolean();
        RequestLine line = request ? new RequestLine(string(random, 8), string(random, 8), string(random, 4),
                string(random, 2), RequestLine.HTTP_2, string(random, 3)) : null;
        List<HttpHeader> headers = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            headers.add(new HttpHeader(string(random, 10), random.nextBoolean() ? NODES.textNode(string(random, 10))
                    : reference(random)));
        }
        List<HttpPayload> payload = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            payload.add(new HttpPayload(string(random, 5), string(random, 5), random.nextInt(4) == 0
                    ? reference(random) : tree(random, 3)));
        }
        return new DataToIntegrityProtectBlock(meta, line, request ? null : string(random, 5), headers, payload);
    }

    private static DataToIntegrityProtectAndCipherBlock cipherBlock(Random random) {
        if (random.nextInt(10) == 0) {
            return new DataToIntegrityProtectAndCipherBlock(null);
        }
        List<JsonNode> values = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            values.add(tree(random, 3));
        }
        return new DataToIntegrityProtectAndCipherBlock(values);
    }

    private static ObjectNode reference(Random random) {
        return NODES.objectNode().put("encBlockIndex", random.nextInt(20));
    }

}
