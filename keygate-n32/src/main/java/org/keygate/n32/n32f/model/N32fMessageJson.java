package org.keygate.n32.n32f.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.jwe.FlatJweOctets;
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
    private static final byte[] REFORMATTED_DATA = ascii("\"reformattedData\"");
    private static final byte[] REFORMATTED_DATA_MEMBER = ascii("{\"reformattedData\":");
    private static final byte[] CLOSE_MESSAGE = ascii("}");
    /** FlatJweJson's members as keygate sends them (written by FlatJweOctets, read here in any order). */
    private static final String[] NAMES = {"protected", "aad", "iv", "ciphertext", "tag"};

    private static final byte[][] NAME_OCTETS = {ascii(NAMES[0]), ascii(NAMES[1]), ascii(NAMES[2]), ascii(NAMES[3]),
        ascii(NAMES[4])};

    private N32fMessageJson() {}

    public static byte[] write(N32fReformattedReqMsg message) {
        return write(message, message.reformattedData(), message.modificationsBlock());
    }

    public static byte[] write(N32fReformattedRspMsg message) {
        return write(message, message.reformattedData(), message.modificationsBlock());
    }

    /**
     * The JSON of an N32fReformattedReqMsg or N32fReformattedRspMsg whose reformattedData is {@code jwe}, without a
     * modificationsBlock: as {@link #write(N32fReformattedReqMsg)} of {@code jwe.json()}, from the octets.
     */
    public static byte[] write(FlatJweOctets jwe) {
        return jwe.write(REFORMATTED_DATA_MEMBER, CLOSE_MESSAGE);
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
     * The reformattedData of a message of the shape written above (JSON whitespace allowed between tokens, the five
     * members in any order, each at most once, each a string of base64url characters), or null for anything else.
     *
     * <p>Scanned from the octets by hand, not through Jackson's parser: the values are the whole message (the aad and
     * the ciphertext run to kilobytes), and the parser copied each of them character by character through its text
     * buffer, checking every one for escapes and for UTF-8 (its string reading and this method's share were 3-4 % of
     * each PRINS SEPP's samples, issue 10). A value of base64url characters has no escape and no octet past ASCII, so
     * the octets between its quotes are its characters. What the scan accepts is a strict subset of what the mapper
     * reads, read to the same values: anything else (an escape, another member, a duplicate, a string past the
     * mapper's length limit) goes to the mapper, which reads it or refuses it with its own words.
     */
    private static FlatJweJson plain(byte[] json) {
        String[] values = new String[NAMES.length];
        int at = space(json, 0);
        if (!at(json, at, '{')) {
            return null;
        }
        at = space(json, at + 1);
        if (!matches(json, at, REFORMATTED_DATA)) {
            return null;
        }
        at = space(json, at + REFORMATTED_DATA.length);
        if (!at(json, at, ':')) {
            return null;
        }
        at = space(json, at + 1);
        if (!at(json, at, '{')) {
            return null;
        }
        at = space(json, at + 1);
        boolean first = true;
        while (!at(json, at, '}')) {
            if (!first) {
                if (!at(json, at, ',')) {
                    return null;
                }
                at = space(json, at + 1);
            }
            first = false;
            int i = name(json, at);
            if (i < 0 || values[i] != null) {
                return null;
            }
            at = space(json, at + NAME_OCTETS[i].length + 2);
            if (!at(json, at, ':')) {
                return null;
            }
            at = space(json, at + 1);
            int end = base64urlString(json, at);
            if (end < 0) {
                return null;
            }
            values[i] = new String(json, at + 1, end - at - 1, StandardCharsets.ISO_8859_1);
            at = space(json, end + 1);
        }
        at = space(json, at + 1);
        if (!at(json, at, '}') || space(json, at + 1) != json.length) {
            return null;
        }
        return FlatJweJson.of(values[0], values[1], values[2], values[3], values[4]);
    }

    /** The index of the member whose quoted name starts at {@code at}, or -1. */
    private static int name(byte[] json, int at) {
        for (int i = 0; i < NAME_OCTETS.length; i++) {
            byte[] n = NAME_OCTETS[i];
            if (at(json, at, '"') && at(json, at + n.length + 1, '"') && Arrays.equals(json, at + 1,
                    at + 1 + n.length, n, 0, n.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the closing quote of a string of base64url characters opening at {@code at}, or -1 (no string
     * there, another character in it, or longer than the mapper reads).
     */
    private static int base64urlString(byte[] json, int at) {
        if (!at(json, at, '"')) {
            return -1;
        }
        int limit = Math.min(json.length, at + 2 + SbiJson.MAX_STRING_LENGTH);
        for (int i = at + 1; i < limit; i++) {
            byte b = json[i];
            if (b == '"') {
                return i;
            }
            if (!FlatJweOctets.isBase64url(b)) {
                return -1;
            }
        }
        return -1;
    }

    /** RFC 8259 2: insignificant whitespace. */
    private static int space(byte[] json, int at) {
        while (at < json.length && (json[at] == ' ' || json[at] == '\t' || json[at] == '\n' || json[at] == '\r')) {
            at++;
        }
        return at;
    }

    private static boolean at(byte[] json, int at, char c) {
        return at < json.length && json[at] == c;
    }

    private static boolean matches(byte[] json, int at, byte[] octets) {
        return at + octets.length <= json.length && Arrays.equals(json, at, at + octets.length, octets, 0,
                octets.length);
    }

    /** By hand when the message is only the five base64url members (FlatJweOctets), else by the mapper. */
    private static byte[] write(Object message, FlatJweJson jwe, List<FlatJwsJson> modifications) {
        FlatJweOctets octets = modifications == null && jwe != null ? FlatJweOctets.of(jwe) : null;
        return octets != null ? write(octets) : SbiJson.write(message);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
