package org.keygate.n32.n32f.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;

/**
 * A value read from tokens (as N32fBlocksJson reads the values inside the PRINS blocks) is the tree Jackson reads, and
 * what is not read from tokens is left to Jackson.
 */
class JsonTokenTreesTest {
    private static final String SPECIALS = "{}[]\",:n01.e- \\";

    @Test
    void seededDocumentsAreReadAsJacksonReadsThemOrLeftToIt() {
        Random random = new Random(5);
        int readFromTokens = 0;
        for (int n = 0; n < 5_000; n++) {
            // A body is an object (or an array): the tree goes in one.
            byte[] json = SbiJson.write(JsonNodeFactory.instance.objectNode().set("ie", SeededJson.tree(random, 4)));
            byte[] edited = n % 3 == 0 ? json : SeededJson.edit(json, random, SPECIALS);
            JsonNode tree = JsonTokenTrees.document(edited);
            if (tree != null) {
                readFromTokens++;
                assertThat(tree).as(new String(edited, StandardCharsets.UTF_8))
                        .isEqualTo(SbiJson.read(edited, JsonNode.class));
            }
        }
        assertThat(readFromTokens).as("read from tokens").isGreaterThan(1_000);
    }

    @Test
    void scalarsFloatsAndWhatJacksonRefusesAreLeftToIt() {
        for (String json : List.of("\"a\"", "1", "null", "{\"a\":1.5}", "[1e3]", "{\"a\":1,\"a\":2}", "{} {}",
                "{\"a\":", "", "[" .repeat(65) + "]".repeat(65))) {
            assertThat(JsonTokenTrees.document(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
        }
    }

    @Test
    void integersTakeTheNodeTypeJacksonGivesThem() {
        byte[] json = "[1,-2147483649,12345678901234567890123,true,null,\"\"]".getBytes(StandardCharsets.UTF_8);
        JsonNode tree = JsonTokenTrees.document(json);

        assertThat(tree).isEqualTo(SbiJson.read(json, JsonNode.class));
        assertThat(tree.get(0).isInt()).isTrue();
        assertThat(tree.get(1).isLong()).isTrue();
        assertThat(tree.get(2).isBigInteger()).isTrue();
    }
}
