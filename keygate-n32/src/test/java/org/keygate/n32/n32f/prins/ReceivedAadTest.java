package org.keygate.n32.n32f.prins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.model.MetaData;

/** The aad read once before verification: what it names, and what the protector may take from it afterwards. */
class ReceivedAadTest {
    private static final String META = "{\"n32fContextId\":\"0123456789abcdef\",\"messageId\":\"m-7\","
            + "\"authorizedIpxId\":\"NULL\"}";

    private static FlatJweJson jwe(String aadJson) {
        String aad = Base64.getUrlEncoder().withoutPadding().encodeToString(aadJson.getBytes(StandardCharsets.UTF_8));
        return FlatJweJson.of("e30", aad, "AAAA", "AAAA", "AAAA");
    }

    @Test
    void aBlockIsReadOnceAndGivenOnlyForTheJweItCameFrom() throws Exception {
        FlatJweJson jwe = jwe("{\"metaData\":" + META + ",\"statusLine\":\"200\"}");
        ReceivedAad aad = ReceivedAad.read(jwe).orElseThrow();

        assertThat(aad.metaData()).isEqualTo(new MetaData("0123456789abcdef", "m-7", "NULL"));
        assertThat(aad.blockOf(jwe).statusLine()).isEqualTo("200");
        assertThat(aad.blockOf(jwe).metaData().messageId()).isEqualTo("m-7");
        FlatJweJson other = jwe("{\"metaData\":" + META + ",\"statusLine\":\"404\"}");
        assertThatThrownBy(() -> aad.blockOf(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metaDataMembersThatAreNotStringsAreAbsentNotConverted() throws Exception {
        FlatJweJson jwe = jwe("{\"metaData\":{\"n32fContextId\":1234567890123456,\"messageId\":true}}");
        MetaData meta = ReceivedAad.read(jwe).orElseThrow().metaData();

        assertThat(meta.n32fContextId()).isNull();
        assertThat(meta.messageId()).isNull();
    }

    @Test
    void anObjectThatIsNoBlockStillNamesItsContextButGivesNoBlock() throws Exception {
        FlatJweJson jwe = jwe("{\"metaData\":" + META + ",\"headers\":\"not an array\"}");
        ReceivedAad aad = ReceivedAad.read(jwe).orElseThrow();

        assertThat(aad.metaData().n32fContextId()).isEqualTo("0123456789abcdef");
        assertThatThrownBy(() -> aad.blockOf(jwe)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED));
    }

    @Test
    void whatIsNotAJsonObjectIsUnreadable() throws Exception {
        assertThat(ReceivedAad.read(jwe("[1,2]"))).isEmpty();
        assertThat(ReceivedAad.read(jwe("null"))).isEmpty();
        assertThat(ReceivedAad.read(jwe("{\"metaData\":" + META + "} {}"))).isEmpty();
        assertThat(ReceivedAad.read(FlatJweJson.of("e30", "not base64url!", "AAAA", "AAAA", "AAAA"))).isEmpty();
        assertThat(ReceivedAad.read(FlatJweJson.of("e30", null, "AAAA", "AAAA", "AAAA"))).isEmpty();
    }

    @Test
    void anAadPastTheParsersLimitsCannotBeRebuiltWhateverItNames() {
        String deep = "{\"metaData\":" + META + ",\"payload\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";

        assertThatThrownBy(() -> ReceivedAad.read(jwe(deep))).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED));
    }
}
