package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.keygate.sbi.json.SbiJson;

/**
 * The JSON of the two PRINS blocks (TS 29.573 DataToIntegrityProtectBlock, the JWE's aad, and
 * DataToIntegrityProtectAndCipherBlock, its plaintext) as a SEPP writes them: octet for octet what {@link SbiJson#write}
 * gives, and read back to what {@link SbiJson#read} gives.
 *
 * <p>Written with the mapper's own generator, member by member in the records' order and absent members left out as
 * the mapper does, and read from the mapper's own parser, because its bean machinery (a serializer or deserializer
 * context, property lookups and record constructors per block, and per {@code JsonNode} member) was 11-13 % of each
 * PRINS SEPP's samples (issue 10). The trees inside (header values, payload values, encrypted values) are written by
 * the nodes themselves, as the mapper writes them, and read by {@link JsonTokenTrees}. Anything of another shape
 * (a null encrypted value, a member not written here, a value that is not a string where keygate writes one, a
 * floating-point number, anything malformed or past the parser's limits) is left to {@link SbiJson}, which then writes,
 * reads or refuses it with its own words.
 */
public final class N32fBlocksJson {
    /** DataToIntegrityProtectBlock's members, in the order of the record's components. */
    private static final String[] MEMBERS = {"metaData", "requestLine", "statusLine", "headers", "payload"};

    private N32fBlocksJson() {}

    /** As {@code SbiJson.write(block)}. */
    public static byte[] write(DataToIntegrityProtectBlock block) {
        return written(g -> { // the record's lists hold no nulls
            SerializerProvider nodes = SbiJson.mapper().getSerializerProviderInstance();
            g.writeStartObject();
            MetaData m = block.metaData();
            if (m != null) {
                g.writeObjectFieldStart("metaData");
                string(g, "n32fContextId", m.n32fContextId());
                string(g, "messageId", m.messageId());
                string(g, "authorizedIpxId", m.authorizedIpxId());
                g.writeEndObject();
            }
            RequestLine r = block.requestLine();
            if (r != null) {
                g.writeObjectFieldStart("requestLine");
                string(g, "method", r.method());
                string(g, "scheme", r.scheme());
                string(g, "authority", r.authority());
                string(g, "path", r.path());
                string(g, "protocolVersion", r.protocolVersion());
                string(g, "queryFragment", r.queryFragment());
                g.writeEndObject();
            }
            string(g, "statusLine", block.statusLine());
            if (block.headers() != null) {
                g.writeArrayFieldStart("headers");
                for (HttpHeader h : block.headers()) {
                    g.writeStartObject();
                    string(g, "header", h.header());
                    node(g, "value", h.value(), nodes);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (block.payload() != null) {
                g.writeArrayFieldStart("payload");
                for (HttpPayload p : block.payload()) {
                    g.writeStartObject();
                    string(g, "iePath", p.iePath());
                    string(g, "ieValueLocation", p.ieValueLocation());
                    node(g, "value", p.value(), nodes);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** As {@code SbiJson.write(block)}. */
    public static byte[] write(DataToIntegrityProtectAndCipherBlock block) {
        if (hasNull(block.dataToEncrypt())) {
            return SbiJson.write(block);
        }
        return written(g -> {
            SerializerProvider nodes = SbiJson.mapper().getSerializerProviderInstance();
            g.writeStartObject();
            if (block.dataToEncrypt() != null) {
                g.writeArrayFieldStart("dataToEncrypt");
                for (JsonNode value : block.dataToEncrypt()) {
                    value.serialize(g, nodes);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** As {@code SbiJson.read(json, DataToIntegrityProtectBlock.class)}. */
    public static DataToIntegrityProtectBlock readBlock(byte[] json) {
        DataToIntegrityProtectBlock block = plainBlock(json);
        return block != null ? block : SbiJson.read(json, DataToIntegrityProtectBlock.class);
    }

    /** As {@code SbiJson.read(json, DataToIntegrityProtectAndCipherBlock.class)}. */
    public static DataToIntegrityProtectAndCipherBlock readCipherBlock(byte[] json) {
        DataToIntegrityProtectAndCipherBlock block = plainCipherBlock(json);
        return block != null ? block : SbiJson.read(json, DataToIntegrityProtectAndCipherBlock.class);
    }

    /**
     * The block of a JSON text of the shape {@link #write(DataToIntegrityProtectBlock)} gives (members in any order),
     * or null for anything else, which the caller reads with the mapper.
     */
    public static DataToIntegrityProtectBlock plainBlock(byte[] json) {
        try (JsonParser p = parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            MetaData meta = null;
            RequestLine line = null;
            String status = null;
            List<HttpHeader> headers = null;
            List<HttpPayload> payload = null;
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                int bit = 1 << indexOf(MEMBERS, name);
                if ((seen & bit) != 0) {
                    return null; // a duplicate member (index -1 is the sign bit: the default case below)
                }
                seen |= bit;
                switch (name) {
                    case "metaData" -> {
                        String[] v = strings(p, t, "n32fContextId", "messageId", "authorizedIpxId");
                        if (v == null) {
                            return null;
                        }
                        meta = new MetaData(v[0], v[1], v[2]);
                    }
                    case "requestLine" -> {
                        String[] v = strings(p, t, "method", "scheme", "authority", "path", "protocolVersion",
                                "queryFragment");
                        if (v == null) {
                            return null;
                        }
                        line = new RequestLine(v[0], v[1], v[2], v[3], v[4], v[5]);
                    }
                    case "statusLine" -> {
                        if (t != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        status = p.getText();
                    }
                    case "headers" -> {
                        headers = entries(p, t, false, (h, unused, v) -> new HttpHeader(h, v));
                        if (headers == null) {
                            return null;
                        }
                    }
                    case "payload" -> {
                        payload = entries(p, t, true, HttpPayload::new);
                        if (payload == null) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return new DataToIntegrityProtectBlock(meta, line, status, headers, payload);
        } catch (IOException e) {
            return null;
        }
    }

    /** As {@link #plainBlock}, for the cipher block. */
    private static DataToIntegrityProtectAndCipherBlock plainCipherBlock(byte[] json) {
        try (JsonParser p = parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<JsonNode> values = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (values != null || !"dataToEncrypt".equals(p.currentName())
                        || p.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                values = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode value = JsonTokenTrees.read(p);
                    if (value == null) {
                        return null;
                    }
                    values.add(value);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return new DataToIntegrityProtectAndCipherBlock(values);
        } catch (IOException e) {
            return null;
        }
    }

    /** An object of string members among {@code names}, parser at {@code t}; null if anything else. */
    private static String[] strings(JsonParser p, JsonToken t, String... names) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return null;
        }
        String[] values = new String[names.length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int i = indexOf(names, p.currentName());
            if (i < 0 || values[i] != null || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            values[i] = p.getText();
        }
        return values;
    }

    /**
     * An array of HttpHeader ({@code header}, {@code value}) or HttpPayload ({@code iePath}, {@code ieValueLocation},
     * {@code value}) objects, each with its value; null if anything else.
     */
    private static <T> List<T> entries(JsonParser p, JsonToken t, boolean payload, Entry<T> entry)
            throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        List<T> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String first = null;
            String second = null;
            JsonNode value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("value".equals(name)) {
                    if (value != null) {
                        return null;
                    }
                    value = JsonTokenTrees.read(p);
                    if (value == null) {
                        return null;
                    }
                } else if (v != JsonToken.VALUE_STRING) {
                    return null;
                } else if (first == null && (payload ? "iePath".equals(name) : "header".equals(name))) {
                    first = p.getText();
                } else if (second == null && payload && "ieValueLocation".equals(name)) {
                    second = p.getText();
                } else {
                    return null;
                }
            }
            if (value == null) {
                return null; // an absent value: the mapper's to read
            }
            out.add(entry.of(first, second, value));
        }
        return p.currentToken() == JsonToken.END_ARRAY ? out : null;
    }

    /**
     * A parser of the mapper's factory, its limits and checks, without its duplicate-member check: the readers here
     * refuse a duplicate themselves (a member seen twice gives null, and the mapper then refuses the text with its
     * own words). The parser's check kept a hash set per object of more than two members, 2-3 % of each PRINS
     * SEPP's samples (issue 10).
     */
    static JsonParser parser(byte[] json) throws IOException {
        return SbiJson.mapper().createParser(json).disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private interface Entry<T> {
        T of(String first, String second, JsonNode value);
    }

    private interface Writing {
        void to(JsonGenerator g) throws IOException;
    }

    /** What {@code writing} writes with the mapper's generator, set up as {@code ObjectMapper.writeValueAsBytes} does. */
    private static byte[] written(Writing writing) {
        BufferRecycler recycler = SbiJson.mapper().getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = SbiJson.mapper().createGenerator(out, JsonEncoding.UTF8)) {
                writing.to(g);
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: not expected
        } finally {
            recycler.releaseToPool();
        }
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void node(JsonGenerator g, String name, JsonNode value, SerializerProvider nodes)
            throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            value.serialize(g, nodes);
        }
    }

    private static boolean hasNull(List<?> list) {
        if (list != null) {
            for (Object o : list) {
                if (o == null) {
                    return true;
                }
            }
        }
        return false;
    }
}
