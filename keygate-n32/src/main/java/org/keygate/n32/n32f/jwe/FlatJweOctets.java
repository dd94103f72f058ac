package org.keygate.n32.n32f.jwe;

import java.nio.charset.StandardCharsets;

/**
 * A JWE as {@link N32fJweEncrypter} makes it: the five members of its flattened JSON serialization ({@link
 * FlatJweJson}: protected, aad, iv, ciphertext, tag) as the base64url octets they are sent as. Base64url by
 * construction (RFC 4648 5: no character a JSON string escapes, none past ASCII), so the JSON object is written by
 * copying them, without a String per member and without a check per character (the Strings, their copies and the
 * check were 2-3 % of each PRINS SEPP's samples, issue 10). Only the encrypter makes one.
 */
public final class FlatJweOctets {
    private static final byte[][] NAMES = {ascii("\"protected\":\""), ascii("\",\"aad\":\""), ascii("\",\"iv\":\""),
        ascii("\",\"ciphertext\":\""), ascii("\",\"tag\":\"")};
    private static final byte[] END = ascii("\"}");
    private static final boolean[] BASE64URL = new boolean[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            BASE64URL[c] = true;
        }
    }

    private final byte[][] members;

    /** protected, aad, iv, ciphertext, tag: each base64url, unpadded. */
    FlatJweOctets(byte[] protectedHeader, byte[] aad, byte[] iv, byte[] ciphertext, byte[] tag) {
        this.members = new byte[][] {protectedHeader, aad, iv, ciphertext, tag};
    }

    /**
     * The octets of {@code jwe} when it has exactly what the encrypter writes (the five members, each of base64url
     * characters only, no per-recipient members), else null. Checked character by character: for a JWE that came as
     * Strings, not from the encrypter.
     */
    public static FlatJweOctets of(FlatJweJson jwe) {
        if (jwe.unprotected() != null || jwe.header() != null || jwe.encryptedKey() != null) {
            return null;
        }
        String[] values = {jwe.protectedHeader(), jwe.aad(), jwe.iv(), jwe.ciphertext(), jwe.tag()};
        byte[][] octets = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return null;
            }
            // A character past U+00FF becomes '?', which is not base64url either: the check refuses it.
            octets[i] = values[i].getBytes(StandardCharsets.ISO_8859_1);
            for (byte b : octets[i]) {
                if (!isBase64url(b)) {
                    return null;
                }
            }
        }
        return new FlatJweOctets(octets[0], octets[1], octets[2], octets[3], octets[4]);
    }

    /**
     * RFC 4648 5: the characters that need no escape in a JSON string and no encoding in UTF-8. With a table: a
     * check per character was 2.5-3 % of a PRINS SEPP's samples (issue 10).
     */
    public static boolean isBase64url(byte octet) {
        return BASE64URL[octet & 0xff];
    }

    /**
     * {@code prefix}, the JWE's JSON object as {@code SbiJson.write(json())} writes it (members in FlatJweJson's
     * order, no whitespace), then {@code suffix}.
     */
    public byte[] write(byte[] prefix, byte[] suffix) {
        int length = prefix.length + 1 + END.length + suffix.length;
        for (int i = 0; i < members.length; i++) {
            length += NAMES[i].length + members[i].length;
        }
        byte[] out = new byte[length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        out[at++] = '{';
        for (int i = 0; i < members.length; i++) {
            System.arraycopy(NAMES[i], 0, out, at, NAMES[i].length);
            at += NAMES[i].length;
            System.arraycopy(members[i], 0, out, at, members[i].length);
            at += members[i].length;
        }
        System.arraycopy(END, 0, out, at, END.length);
        System.arraycopy(suffix, 0, out, at + END.length, suffix.length);
        return out;
    }

    /** The same JWE as the record the mapper reads and writes. */
    public FlatJweJson json() {
        return FlatJweJson.of(string(0), string(1), string(2), string(3), string(4));
    }

    private String string(int member) {
        return new String(members[member], StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "FlatJweOctets[" + members[3].length + " octets of ciphertext]";
    }
}
