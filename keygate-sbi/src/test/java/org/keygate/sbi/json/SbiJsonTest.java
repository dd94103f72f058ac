package org.keygate.sbi.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SbiJsonTest {
    record Ctx(String n32fContextId, Integer count) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Found by SbiJsonReadFuzzTarget (corpus file crash-27efbba0...): 1234567890123456e990 was read as Infinity and
     * written back as the string "Infinity"; a forwarded body must keep its numbers' values and types.
     */
    @Test
    void numbersBeyondDoubleKeepTheirValueThroughATree() {
        JsonNode tree = SbiJson.read("{\"big\":1234567890123456e990,\"precise\":0.10000000000000000001}"
                .getBytes(StandardCharsets.UTF_8), JsonNode.class);
        JsonNode again = SbiJson.read(SbiJson.write(tree), JsonNode.class);
        assertThat(again.get("big").isNumber()).isTrue();
        assertThat(again.get("big").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal("1234567890123456e990"));
        assertThat(again.get("precise").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal("0.10000000000000000001"));
    }

    @Test
    void unknownMembersAreIgnoredAndNullsAreNotWritten() {
        Ctx c = SbiJson.read(utf8("{\"n32fContextId\":\"0011223344556677\",\"rel19Member\":{\"a\":[1]}}"), Ctx.class);
        assertThat(c).isEqualTo(new Ctx("0011223344556677", null));
        assertThat(new String(SbiJson.write(c), StandardCharsets.UTF_8))
                .isEqualTo("{\"n32fContextId\":\"0011223344556677\"}");
    }

    @Test
    void duplicateKeysAreRefused() {
        // RFC 8259 4: names SHOULD be unique; two readers could otherwise see two different messages.
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":1,\"count\":2}"), Ctx.class))
                .isInstanceOf(SbiJsonException.class);
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"a\":{\"b\":1,\"b\":1}}"), JsonNode.class))
                .isInstanceOf(SbiJsonException.class);
    }

    @Test
    void trailingTokensAreRefused() {
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":1} {\"count\":2}"), Ctx.class))
                .isInstanceOf(SbiJsonException.class);
        assertThatThrownBy(() -> SbiJson.read(utf8("{} x"), Map.class)).isInstanceOf(SbiJsonException.class);
    }

    @Test
    void nestingBeyondTheLimitIsRefusedAndWithinItRead() {
        int limit = SbiJson.MAX_NESTING_DEPTH;
        assertThat(SbiJson.read(utf8("[".repeat(limit) + "]".repeat(limit)), JsonNode.class)).isNotNull();
        assertThatThrownBy(() -> SbiJson.read(utf8("[".repeat(limit + 1) + "]".repeat(limit + 1)), JsonNode.class))
                .isInstanceOf(SbiJsonException.class);
    }

    @Test
    void errorMessagesEchoNoInputBeyondAHundredCharacters() {
        String secret = "ab".repeat(40);
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":\"" + secret + "\"}"), Ctx.class))
                .isInstanceOf(SbiJsonException.class).message().contains("/count").doesNotContain(secret);
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"n32fContextId\":\"" + secret), Ctx.class))
                .isInstanceOf(SbiJsonException.class).message().doesNotContain(secret);
        String longName = "k".repeat(300);
        record Deep(Map<String, Ctx> m) {}
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"m\":{\"" + longName + "\":{\"count\":\"x\"}}}"), Deep.class))
                .isInstanceOf(SbiJsonException.class).message()
                .doesNotContain("k".repeat(SbiJson.MAX_ECHOED_CHARS + 1)).hasSizeLessThan(200);
    }

    @Test
    void nonNumericNumbersAreRefused() {
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":NaN}"), Ctx.class)).isInstanceOf(SbiJsonException.class);
    }

    /** Issue 12 item 8: a peer reads these messages in ProblemDetails detail; they name no Java class. */
    @Test
    void errorMessagesSayWhatWasWrongWithoutJavaClassNames() {
        int limit = SbiJson.MAX_NESTING_DEPTH;
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"),
                JsonNode.class)).message().isEqualTo("JSON nested deeper than " + limit + " levels");
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":\"x\"}"), Ctx.class)).message()
                .isEqualTo("wrong JSON type at /count: expected a number");
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":[1]}"), Ctx.class)).message()
                .isEqualTo("wrong JSON type at /count: expected a number");
        assertThatThrownBy(() -> SbiJson.read(utf8("[1]"), Ctx.class)).message()
                .isEqualTo("wrong JSON type at /: expected an object");
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":1,\"count\":2}"), Ctx.class)).message()
                .startsWith("malformed JSON at line 1, column ");
        assertThatThrownBy(() -> SbiJson.read(utf8("{\"count\":1} 2"), Ctx.class)).message()
                .isEqualTo("data after the JSON value");
        assertThatThrownBy(() -> SbiJson.read(utf8(""), Ctx.class)).message().isEqualTo("no JSON value (empty body)");
        for (String bad : new String[] {"", "{", "{\"count\":NaN}", "[".repeat(100), "{\"count\":1} 2"}) {
            assertThatThrownBy(() -> SbiJson.read(utf8(bad), Ctx.class)).message()
                    .doesNotContainPattern("[A-Z][a-z]+(Exception|Error)").doesNotContain("com.fasterxml", "()");
        }
    }
}
