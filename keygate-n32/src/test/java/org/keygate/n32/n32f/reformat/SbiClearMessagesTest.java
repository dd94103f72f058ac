package org.keygate.n32.n32f.reformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.multipart.MimePart;
import org.keygate.sbi.multipart.MultipartRelated;

class SbiClearMessagesTest {
    private static final URI AMF = URI.create("https://amf.5gc.mnc001.mcc001.3gppnetwork.org:8443");

    @Test
    void aJsonRequestKeepsMethodPathQueryHeadersAndBody() throws Exception {
        SbiRequest r = new SbiRequest("PUT", "/nudm-uecm/v1/imsi-001010000000001/registrations/amf-3gpp-access?x=1",
                SbiHeaders.of("content-type", "application/json", "content-length", "14", "3gpp-sbi-message-priority",
                        "4"), "{\"a\":[1,true]}".getBytes(StandardCharsets.UTF_8));
        ClearRequest c = SbiClearMessages.request(r, AMF.getScheme(), AMF.getRawAuthority());
        assertThat(c.scheme()).isEqualTo("https");
        assertThat(c.authority()).isEqualTo("amf.5gc.mnc001.mcc001.3gppnetwork.org:8443");
        assertThat(c.path()).isEqualTo("/nudm-uecm/v1/imsi-001010000000001/registrations/amf-3gpp-access");
        assertThat(c.query()).isEqualTo("x=1");
        assertThat(c.headers()).extracting(Map.Entry::getKey).containsExactly("content-type",
                "3gpp-sbi-message-priority");
        assertThat(c.body().path("a").get(1).asBoolean()).isTrue();

        SbiRequest back = SbiClearMessages.toSbi(c);
        assertThat(back.method()).isEqualTo("PUT");
        assertThat(back.path()).isEqualTo(r.path());
        assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,true]}");
        assertThat(back.headers().first("content-type")).contains("application/json");
    }

    @Test
    void aMultipartBodyBecomesItsJsonRootAndBinaryPartsAndBack() throws Exception {
        byte[] n1 = {0x7e, 0x00, 0x42, (byte) 0xff};
        MultipartRelated m = MultipartRelated.of(List.of(
                new MimePart(List.of(Map.entry("Content-Type", "application/json")),
                        "{\"n1MessageContainer\":{\"n1MessageClass\":\"5GMM\"}}".getBytes(StandardCharsets.UTF_8)),
                new MimePart(List.of(Map.entry("Content-Type", "application/vnd.3gpp.5gnas"),
                        Map.entry("Content-ID", "<n1msg>")), n1)));
        SbiResponse r = new SbiResponse(200, SbiHeaders.of("content-type", m.contentType()), m.encode());
        ClearResponse c = SbiClearMessages.response(r);
        assertThat(c.headers()).isEmpty();
        assertThat(c.body().path("n1MessageContainer").path("n1MessageClass").asText()).isEqualTo("5GMM");
        assertThat(c.binaryParts()).singleElement().satisfies(p -> {
            assertThat(p.contentId()).isEqualTo("n1msg");
            assertThat(p.data()).containsExactly(n1);
        });

        SbiResponse back = SbiClearMessages.toSbi(c);
        MultipartRelated again = MultipartRelated.parse(back.headers().first("content-type").orElseThrow(),
                back.body());
        assertThat(again.parts()).hasSize(2);
        assertThat(again.parts().get(1).body()).containsExactly(n1);
        assertThat(again.parts().get(1).contentId()).contains("n1msg");
    }

    @Test
    void bodiesThatCannotCrossN32AreRefused() {
        assertThatThrownBy(() -> SbiClearMessages.response(new SbiResponse(200,
                SbiHeaders.of("content-type", "text/plain"), "hi".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnprotectableMessageException.class).hasMessageContaining("text/plain");
        assertThatThrownBy(() -> SbiClearMessages.response(new SbiResponse(200,
                SbiHeaders.of("content-type", "application/json"), "{nope".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnprotectableMessageException.class);
    }

    @Test
    void aBodyPassedOnUnchangedKeepsItsBytesAndARebuiltOneIsWrittenAnew() throws Exception {
        // Spacing and member order a JSON writer would not reproduce: only the bytes received can give them back.
        byte[] received = "{ \"z\" : 1,\n  \"a\":[ 2 ] }".getBytes(StandardCharsets.UTF_8);
        ClearResponse c = SbiClearMessages.response(new SbiResponse(200,
                SbiHeaders.of("content-type", "application/json"), received));
        assertThat(SbiClearMessages.toSbi(c).body()).isEqualTo(received);
        assertThat(SbiClearMessages.toSbi(c.withHeaders(List.of(Map.entry("location", "https://x/1")))).body())
                .isEqualTo(received);
        ClearResponse rebuilt = new ClearResponse(200, c.headers(), c.body(), List.of());
        assertThat(new String(SbiClearMessages.toSbi(rebuilt).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"z\":1,\"a\":[2]}");
    }

    @Test
    void anEmptyBodyStaysEmpty() throws Exception {
        ClearResponse c = SbiClearMessages.response(new SbiResponse(204, SbiHeaders.empty(), new byte[0]));
        assertThat(c.body()).isNull();
        assertThat(SbiClearMessages.toSbi(c).body()).isEmpty();
    }

    @Test
    void anAnswerPassedOnAsReceivedKeepsItsOctetsAndItsMultipartContentType() throws Exception {
        byte[] json = "{ \"b\" : 1,\n  \"a\":[ 2 ] }".getBytes(StandardCharsets.UTF_8);
        ClearResponse c = SbiClearMessages.responseAsReceived(new SbiResponse(201, SbiHeaders.of("content-type",
                "application/json", "content-length", String.valueOf(json.length), "location", "/x/1"), json));
        assertThat(c.body()).isNull();
        SbiResponse back = SbiClearMessages.toSbi(c);
        assertThat(back.status()).isEqualTo(201);
        assertThat(back.body()).containsExactly(json);
        assertThat(back.headers().entries()).extracting(Map.Entry::getKey).containsExactly("content-type", "location");

        MultipartRelated m = MultipartRelated.of(List.of(new MimePart(List.of(Map.entry("Content-Type",
                "application/json")), "{}".getBytes(StandardCharsets.UTF_8))));
        SbiResponse multipart = SbiClearMessages.toSbi(SbiClearMessages.responseAsReceived(
                new SbiResponse(200, SbiHeaders.of("content-type", m.contentType()), m.encode())));
        assertThat(multipart.headers().first("content-type")).contains(m.contentType());
        assertThat(multipart.body()).containsExactly(m.encode());

        assertThatThrownBy(() -> SbiClearMessages.responseAsReceived(new SbiResponse(200,
                SbiHeaders.of("content-type", "text/html"), "<p>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnprotectableMessageException.class);
        assertThat(SbiClearMessages.toSbi(SbiClearMessages.responseAsReceived(new SbiResponse(204, SbiHeaders.of(),
                new byte[0]))).body()).isEmpty();
    }
}
