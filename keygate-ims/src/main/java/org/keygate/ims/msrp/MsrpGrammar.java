package org.keygate.ims.msrp;

/**
 * The RFC 4975 9 token rules that both the decoder and the value types check, read by hand: they run several times per
 * relayed chunk, and the regular expressions they replace were a quarter of the MRFP's CPU per 1 KiB message (issue 20,
 * docs/PERFORMANCE.md). {@code MsrpGrammarTest} checks each against the regular expression that writes it down.
 */
final class MsrpGrammar {
    /** RFC 4975 9: ident = ALPHANUM 3*31ident-char. */
    private static final int IDENT_MIN = 4;
    private static final int IDENT_MAX = 32;

    private MsrpGrammar() {
    }

    /** ident = ALPHANUM 3*31ident-char; ident-char = ALPHANUM / "." / "-" / "+" / "%" / "=". */
    static boolean isIdent(String s) {
        int n = s.length();
        if (n < IDENT_MIN || n > IDENT_MAX || !isAlphaNum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (!isIdentChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** hname = ALPHA *token. */
    static boolean isHeaderName(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        return tokenEnd(s, 1) == s.length();
    }

    /** other-method = 1*UPALPHA. */
    static boolean isMethod(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * media-type = type "/" subtype *( ";" gen-param ), kept loose on parameters (anything after the first ";") but
     * free of controls.
     */
    static boolean isMediaType(String s) {
        int slash = tokenEnd(s, 0);
        if (slash == 0 || slash == s.length() || s.charAt(slash) != '/') {
            return false;
        }
        int end = tokenEnd(s, slash + 1);
        if (end == slash + 1 || (end < s.length() && s.charAt(end) != ';')) {
            return false;
        }
        return isUtf8Text(s);
    }

    /** utf8text = *(HTAB / %x20-7E / UTF8-NONASCII): no controls (the UTF-8 itself is checked on decoding). */
    static boolean isUtf8Text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The index after the run of RFC 4975 9 token characters starting at {@code from}. */
    static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * A token character: token = 1*(%x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E) (RFC 4975 9):
     * no separators, no controls, no space.
     */
    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 0x5E && c <= 0x7E);
    }

    static boolean isAlphaNum(char c) {
        return isAlpha(c) || (c >= '0' && c <= '9');
    }

    static boolean isAlpha(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isIdentChar(char c) {
        return isAlphaNum(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=';
    }
}
