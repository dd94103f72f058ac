package org.keygate.sbi.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one Jackson configuration of keygate's SBI JSON: unknown members ignored (every 3GPP type is extensible),
 * absent values not written, duplicate keys and trailing tokens refused, nesting and sizes bounded against hostile
 * input.
 */
public final class SbiJson {
    /** SBI bodies are shallow; 64 levels stops stack-exhaustion payloads long before they hurt. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** No single string in an SBI message comes near 1 MiB; bodies are limited before parsing anyway. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    /** An error message quotes at most this many characters of the input (member names in a JSON path). */
    static final int MAX_ECHOED_CHARS = 100;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Numbers in trees (bodies a SEPP forwards, reformats or lets an IPX modify) as BigDecimal, not double: a
            // number past double's range became Infinity and was written back as the string "Infinity", and any
            // digits past double's precision were lost (found by SbiJsonReadFuzzTarget, crash-27efbba0...).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private SbiJson() {}

    /** The shared mapper; do not reconfigure it (Jackson mappers are thread-safe only while unchanged). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** UTF-8 JSON of {@code value}, absent members left out; an unwritable value throws {@link SbiJsonException}. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SbiJsonException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads one JSON value of {@code type}; malformed, duplicated, trailing, too deep or mistyped input throws
     * {@link SbiJsonException} with a message that may be shown to the peer.
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (MismatchedInputException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Trailing token")) {
                throw new SbiJsonException("data after the JSON value", e);
            }
            if (m.startsWith("No content to map")) {
                throw new SbiJsonException("no JSON value (empty body)", e);
            }
            throw new SbiJsonException("wrong JSON type at " + path(e) + ": expected " + expected(e.getTargetType()), e);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * What {@link #read} says of input that its parser refused: for callers that stream with {@link #mapper()}'s
     * parser instead, so that a peer reads the same words either way.
     */
    public static SbiJsonException failure(IOException e) {
        if (e instanceof JsonProcessingException j) {
            StreamConstraintsException limit = limitOf(j);
            if (limit != null) {
                return new SbiJsonException(limitMessage(limit), j);
            }
            var at = j.getLocation();
            return new SbiJsonException(at == null || at.getLineNr() < 0 ? "malformed JSON"
                    : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr(), j);
        }
        return new SbiJsonException("unreadable JSON", e);
    }

    /*
     * The peer reads these messages (ProblemDetails detail): they say what was wrong with the input in JSON's terms,
     * never a Java class or method name (issue 12 item 8).
     */

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == Character.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static StreamConstraintsException limitOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException c) {
                return c;
            }
        }
        return null;
    }

    /**
     * Which of this mapper's limits {@code e} met, in words safe to show a peer; for callers that stream with
     * {@link #mapper()}'s parser instead of {@link #read}.
     */
    public static String limitMessage(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting depth")) {
            return "JSON nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        if (m.contains("String value length")) {
            return "a JSON string longer than " + MAX_STRING_LENGTH + " characters";
        }
        if (m.contains("Number value length")) {
            return "a JSON number with too many digits";
        }
        return "JSON beyond this server's size limits";
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        if (sb.length() > MAX_ECHOED_CHARS) {
            // Member names come from the peer: echo no more than a bounded prefix of them.
            sb.setLength(MAX_ECHOED_CHARS);
            sb.append("...");
        }
        return sb.isEmpty() ? "/" : sb.toString();
    }

}
