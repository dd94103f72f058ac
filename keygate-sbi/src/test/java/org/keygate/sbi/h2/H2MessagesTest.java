package org.keygate.sbi.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;

/**
 * Header blocks: what HPACK puts on the wire and what the receiving side reads back are the fields given, the
 * pseudo-header fields from Netty's constants included, and a value with an octet above 0x7F (RFC 9110 5.5 obs-text).
 */
class H2MessagesTest {
    private static final SbiHeaders FIELDS = SbiHeaders.of("content-type", "application/json",
            "3gpp-sbi-target-apiroot", "https://udm.5gc.mnc001.mcc001.3gppnetwork.org", "x-note", "caf\u00e9",
            "connection", "keep-alive", "te", "gzip", "content-length", "999");

    @Test
    void fieldsGoInWithoutTheConnectionSpecificOnesAndWithTheBodysLength() {
        Http2Headers block = H2Messages.withFields(H2Messages.responseBlock(201), FIELDS, 12, true);
        assertThat(block.status()).hasToString("201");
        assertThat(block.get("x-note")).hasToString("caf\u00e9");
        assertThat(block.contains("connection")).isFalse();
        assertThat(block.contains("te")).isFalse(); // RFC 9113 8.2.2: te only with "trailers"
        assertThat(block.getAll("content-length")).hasSize(1);
        assertThat(block.get("content-length")).hasToString("12");
        assertThat(H2Messages.withFields(H2Messages.responseBlock(204), FIELDS, 0, false).contains("content-length"))
                .isFalse();
    }

    @Test
    void aRequestBlockCarriesItsPseudoHeaderFields() {
        Http2Headers block = H2Messages.requestBlock("POST", "/nudm-ueau/v1/suci-0/security-information/"
                + "generate-auth-data", "https", "udm.example:443");
        assertThat(block.method()).hasToString("POST");
        assertThat(block.path()).hasToString("/nudm-ueau/v1/suci-0/security-information/generate-auth-data");
        assertThat(block.scheme()).hasToString("https");
        assertThat(block.authority()).hasToString("udm.example:443");
        assertThat(H2Messages.requestBlock("PROPFIND", "/", "h2", "a").method()).hasToString("PROPFIND");
        assertThat(H2Messages.responseBlock(299).status()).hasToString("299");
    }

    @Test
    void whatHpackWritesReadsBackAsTheSameFields() throws Exception {
        Http2Headers sent = H2Messages.withFields(H2Messages.requestBlock("PUT", "/a?b=c", "http", "nf.example"),
                FIELDS, 3, true);
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(true);
        for (int round = 0; round < 2; round++) { // the second round is written from HPACK's dynamic table
            ByteBuf wire = Unpooled.buffer();
            try {
                encoder.encodeHeaders(1 + 2 * round, sent, wire);
                Http2Headers received = decoder.decodeHeaders(1 + 2 * round, wire);
                assertThat(received.path()).hasToString("/a?b=c");
                assertThat(H2Messages.fields(received).entries()).containsExactly(Map.entry("host", "nf.example"),
                        Map.entry("content-type", "application/json"),
                        Map.entry("3gpp-sbi-target-apiroot", "https://udm.5gc.mnc001.mcc001.3gppnetwork.org"),
                        Map.entry("x-note", "caf\u00e9"), Map.entry("content-length", "3"));
            } finally {
                wire.release();
            }
        }
        ByteBuf wire = Unpooled.buffer();
        try { // "caf" and é as one ISO-8859-1 octet (Netty codes strings under 512 octets without Huffman)
            new DefaultHttp2HeadersEncoder().encodeHeaders(1, H2Messages.withFields(H2Messages.responseBlock(200),
                    SbiHeaders.of("x-note", "caf\u00e9"), 0, false), wire);
            assertThat(ByteBufUtil.hexDump(wire)).contains("04636166e9");
        } finally {
            wire.release();
        }
    }
}
