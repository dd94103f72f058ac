package org.keygate.ims.msrp;

import java.util.regex.Pattern;

/** The RFC 4975 9 token rules that both the decoder and the value types check. */
final class MsrpGrammar {
    /** ident = ALPHANUM 3*31ident-char. */
    private static final Pattern IDENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-+%=]{3,31}");
    /** hname = ALPHA *token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][!#-'*+\\-.0-9A-Z^-~]*");
    /** other-method = 1*UPALPHA. */
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    /** media-type = type "/" subtype *( ";" gen-param ), kept loose on parameters but free of controls. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[!#-'*+\\-.0-9A-Z^-~]+/[!#-'*+\\-.0-9A-Z^-~]+(?:;.*)?");

    private MsrpGrammar() {
    }

    static boolean isIdent(String s) {
        return IDENT.matcher(s).matches();
    }

    static boolean isHeaderName(String s) {
        return HEADER_NAME.matcher(s).matches();
    }

    static boolean isMethod(String s) {
        return METHOD.matcher(s).matches();
    }

    static boolean isMediaType(String s) {
        return MEDIA_TYPE.matcher(s).matches() && isUtf8Text(s);
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
}
