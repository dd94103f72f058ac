package org.keygate.ipx.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;

/** The token check an IPX without modification rules makes of the bodies it relays, against the tree read it replaced. */
class ReformattedMessageScanTest {
    private static boolean scan(String body) {
        return ReformattedMessageScan.hasReformattedData(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReformattedDataObjectIsFoundWhereverItStands() {
        assertThat(scan("{\"reformattedData\":{\"aad\":\"e30\",\"tag\":\"AA\"}}")).isTrue();
        assertThat(scan("{\"modificationsBlock\":[{\"a\":[1,{\"b\":2}]}],\"reformattedData\":{}}")).isTrue();
    }

    @Test
    void jsonWithoutAReformattedDataObjectIsNoReformattedMessage() {
        assertThat(scan("{}")).isFalse();
        assertThat(scan("{\"reformattedData\":12}")).isFalse();
        assertThat(scan("{\"reformattedData\":[{}]}")).isFalse();
        assertThat(scan("{\"x\":{\"reformattedData\":{}}}")).isFalse();
        assertThat(scan("[{\"reformattedData\":{}}]")).isFalse();
        assertThat(scan("\"reformattedData\"")).isFalse();
    }

    @Test
    void whatTheTreeReadRefusesIsRefusedWithTheSameWords() {
        for (String body : new String[] {"{\"reformattedData\": 12", "", "{} {}", "{\"a\":1,\"a\":2}",
                "{\"reformattedData\":{}}x", "[" .repeat(100) + "]".repeat(100)}) {
            String expected = messageOf(() -> SbiJson.read(body.getBytes(StandardCharsets.UTF_8),
                    com.fasterxml.jackson.databind.JsonNode.class));
            assertThatThrownBy(() -> scan(body)).as(body).isInstanceOf(SbiJsonException.class).hasMessage(expected);
        }
    }

    private static String messageOf(Runnable read) {
        try {
            read.run();
        } catch (SbiJsonException e) {
            return e.getMessage();
        }
        throw new AssertionError("the tree read accepted it");
    }
}
