package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.sbi.json.SbiJson;

/**
 * The JSON of N32fReformattedReqMsg and N32fReformattedRspMsg as a SEPP sends them: {@code {"reformattedData":
 * {"protected":..,"aad":..,"iv":..,"ciphertext":..,"tag":..}}}, octet for octet what {@link SbiJson#write} gives, and
 * read back to what {@link SbiJson#read} gives.
 *
 * <p>By hand because the five members are base64url, which JSON carries without escapes: Jackson's writer checked every
 * character of them for escaping, and both directions went through its bean machinery per message (3-4 % of each
 * PRINS SEPP's samples each, issue 10). A message with anything else (modificationsBlock, per-recipient members, a
 * member outside the base64url alphabet, a null, an unknown member, anything malformed) is left to {@link SbiJson},
 * which then writes it, reads it or refuses it with its own words.
 */
public final class N32fMessageJson {
    private static final byte[] OPEN = ascii("{\"reformattedData\":{");
    private static final byte[] CLOSE = ascii("}}");
    /** FlatJweJson's members as keygate sends them, in the order Jackson writes the record's components. */
    private static final String[] NAMES = {"protected", "aad", "iv", "ciphertext", "tag"};

    private static final byte[][] NAME_OCTETS = {ascii(NAMES[0]), ascii(NAMES[1]), ascii(NAMES[2]), ascii(NAMES[3]),
        ascii(NAMES[4])};
    private static final boolean[] BASE64URL = new boolean[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            BASE64URL[c] = true;
        }
    }

    private N32fMessageJson() {}

    public static byte[] write(N32fReformattedReqMsg message) {
        return write(message, message.reformattedData(), message.modificationsBlock());
    }

    public static byte[] write(N32fReformattedRspMsg message) {
        return write(message, message.reformattedData(), message.modificationsBlock());
    }

    /** As {@code SbiJson.read(json, N32fReformattedReqMsg.class)}. */
    public static N32fReformattedReqMsg readRequest(byte[] json) {
        FlatJweJson jwe = plain(json);
        return jwe != null ? new N32fReformattedReqMsg(jwe, null) : SbiJson.read(json, N32fReformattedReqMsg.class);
    }

    /** As {@code SbiJson.read(json, N32fReformattedRspMsg.class)}. */
    public static N32fReformattedRspMsg readResponse(byte[] json) {
        FlatJweJson jwe = plain(json);
        return jwe != null ? new N32fReformattedRspMsg(jwe, null) : SbiJson.read(json, N32fReformattedRspMsg.class);
    }

    /**
     * The reformattedData of a message of exactly the shape written above (each of the five members at most once, a
     * string), or null for anything else.
     */
    private static FlatJweJson plain(byte[] json) {
        String[] values = new String[NAMES.length];
        try (JsonParser p = SbiJson.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"reformattedData".equals(p.currentName()) || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int i = member(p.currentName());
                if (i < 0 || values[i] != null || p.nextToken() != JsonToken.VALUE_STRING) {
                    return null;
                }
                values[i] = p.getText();
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != JsonToken.END_OBJECT
                    || p.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return FlatJweJson.of(values[0], values[1], values[2], values[3], values[4]);
    }

    private static int member(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] write(Object message, FlatJweJson jwe, List<FlatJwsJson> modifications) {
        if (modifications != null || jwe == null || jwe.unprotected() != null || jwe.header() != null
                || jwe.encryptedKey() != null) {
            return SbiJson.write(message);
        }
        String[] values = {jwe.protectedHeader(), jwe.aad(), jwe.iv(), jwe.ciphertext(), jwe.tag()};
        byte[][] octets = new byte[values.length][];
        int length = OPEN.length + CLOSE.length;
        int members = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                // A character past U+00FF becomes '?', which is not base64url either: the check below refuses it.
                octets[i] = values[i].getBytes(StandardCharsets.ISO_8859_1);
                if (!base64url(octets[i])) {
                    return SbiJson.write(message);
                }
                length += (members++ > 0 ? 1 : 0) + NAMES[i].length() + 5 + octets[i].length;
            }
        }
        byte[] out = new byte[length];
        System.arraycopy(OPEN, 0, out, 0, OPEN.length);
        int at = OPEN.length;
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (octets[i] == null) {
                continue;
            }
            if (!first) {
                out[at++] = ',';
            }
            first = false;
            at = quoted(NAME_OCTETS[i], out, at);
            out[at++] = ':';
            at = quoted(octets[i], out, at);
        }
        System.arraycopy(CLOSE, 0, out, at, CLOSE.length);
        return out;
    }

    /**
     * RFC 4648 5: the characters that need no escape in a JSON string and no encoding in UTF-8. Checked on the
     * octets, with a table: a check per character of the String was 2.5-3 % of a PRINS SEPP's samples (issue 10).
     */
    private static boolean base64url(byte[] s) {
        for (byte b : s) {
            if (!BASE64URL[b & 0xff]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: the names above and base64url values. */
    private static int quoted(byte[] s, byte[] out, int at) {
        out[at++] = '"';
        System.arraycopy(s, 0, out, at, s.length);
        at += s.length;
        out[at++] = '"';
        return at;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
