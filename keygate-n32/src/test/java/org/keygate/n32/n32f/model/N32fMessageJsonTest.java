package org.keygate.n32.n32f.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.sbi.json.SbiJson;

/** The hand-written N32-f message JSON is, octet for octet, what Jackson writes of the same message. */
class N32fMessageJsonTest {
    /** What the edits put in: JSON's structural characters and the starts of its literals. */
    private static final String SPECIALS = "{}[]\",:n01 \\";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void seededMessagesAreWrittenAsJacksonWritesThem() {
        Random random = new Random(20261203);
        for (int n = 0; n < 2_000; n++) {
            FlatJweJson jwe = FlatJweJson.of(member(random), member(random), member(random), member(random),
                    member(random));
            N32fReformattedReqMsg request = new N32fReformattedReqMsg(jwe, null);
            N32fReformattedRspMsg response = new N32fReformattedRspMsg(jwe, null);

            assertThat(N32fMessageJson.write(request)).isEqualTo(SbiJson.write(request));
            assertThat(N32fMessageJson.write(response)).isEqualTo(SbiJson.write(response));
        }
    }

    @Test
    void whatIsNotPlainBase64urlIsLeftToJackson() {
        FlatJweJson padded = FlatJweJson.of("eyJhbGciOiJkaXIifQ==", "a+b/c", "\"\\\u00e9", "", "AA");
        FlatJweJson perRecipient = new FlatJweJson("e30", JsonNodeFactory.instance.objectNode().put("kid", "1"), null,
                "", "e30", "AA", "AA", "AA");
        FlatJwsJson jws = new FlatJwsJson("e30", "e30", null, "AA");
        // Past U+00FF (checked on ISO-8859-1 octets, where it becomes '?'), and '?' itself.
        FlatJweJson wide = FlatJweJson.of("e30", "\u0141", "A?", "AA", "AA");
        for (Object message : List.of(new N32fReformattedReqMsg(wide, null), new N32fReformattedReqMsg(padded, null),
                new N32fReformattedReqMsg(perRecipient,
                null), new N32fReformattedRspMsg(FlatJweJson.of("e30", "e30", "AA", "AA", "AA"), List.of(jws)))) {
            byte[] written = message instanceof N32fReformattedReqMsg r ? N32fMessageJson.write(r)
                    : N32fMessageJson.write((N32fReformattedRspMsg) message);
            assertThat(written).isEqualTo(SbiJson.write(message));
        }
    }

    @Test
    void whatIsReadIsWhatJacksonReadsOrRefusesWithTheSameWords() {
        Random random = new Random(3);
        for (int n = 0; n < 5_000; n++) {
            byte[] json = SbiJson.write(new N32fReformattedReqMsg(FlatJweJson.of(member(random), member(random),
                    member(random), member(random), member(random)), null));
            byte[] edited = n % 5 == 0 ? json : SeededJson.edit(json, random, SPECIALS);
            Object expected = outcome(() -> SbiJson.read(edited, N32fReformattedReqMsg.class));
            assertThat(outcome(() -> N32fMessageJson.readRequest(edited))).as(new String(edited)).isEqualTo(expected);
            Object expectedResponse = outcome(() -> SbiJson.read(edited, N32fReformattedRspMsg.class));
            assertThat(outcome(() -> N32fMessageJson.readResponse(edited))).isEqualTo(expectedResponse);
        }
    }

    /** Whitespace between the tokens and members in another order: read by the scan, as Jackson reads them. */
    @Test
    void spacedAndReorderedMessagesAreReadAsJacksonReadsThem() throws Exception {
        Random random = new Random(4);
        String[] names = {"protected", "aad", "iv", "ciphertext", "tag"};
        for (int n = 0; n < 1_000; n++) {
            StringBuilder json = new StringBuilder(space(random) + "{" + space(random) + "\"reformattedData\""
                    + space(random) + ":" + space(random) + "{");
            List<String> order = new java.util.ArrayList<>(List.of(names));
            java.util.Collections.shuffle(order, random);
            for (int i = random.nextInt(6); i < order.size(); i++) {
                json.append(space(random)).append('"').append(order.get(i)).append('"').append(space(random))
                        .append(':').append(space(random)).append('"').append(member(random) == null ? ""
                        : member(random)).append('"').append(space(random)).append(i + 1 < order.size() ? "," : "");
            }
            byte[] bytes = json.append("}").append(space(random)).append("}").append(space(random)).toString()
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            N32fReformattedReqMsg expected = SbiJson.read(bytes, N32fReformattedReqMsg.class);

            assertThat(N32fMessageJson.readRequest(bytes)).as(new String(bytes)).isEqualTo(expected);
            assertThat(expected.reformattedData()).isNotNull();
        }
    }

    /** A duplicate member, which the scan must not take as the last one: the mapper's refusal. */
    @Test
    void aDuplicateMemberIsRefusedAsJacksonRefusesIt() {
        byte[] json = "{\"reformattedData\":{\"aad\":\"AA\",\"iv\":\"AA\",\"aad\":\"BB\"}}"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Object expected = outcome(() -> SbiJson.read(json, N32fReformattedReqMsg.class));

        assertThat(expected).asString().startsWith("refused: ");
        assertThat(outcome(() -> N32fMessageJson.readRequest(json))).isEqualTo(expected);
    }

    private static String space(Random random) {
        return " \t\r\n  ".substring(0, random.nextInt(7)).repeat(random.nextInt(2));
    }

    /** The value read, or the refusal's message. */
    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (org.keygate.sbi.json.SbiJsonException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** Absent a fifth of the time, else 0-600 characters of base64url. */
    private static String member(Random random) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(600); i > 0; i--) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
