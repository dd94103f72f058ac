package org.keygate.ims.msrp;

import java.util.Objects;

/**
 * An MSRP URI (RFC 4975 6): {@code msrp[s]://authority[/session-id];transport[;param...]}.
 *
 * <p>Comparison follows RFC 4975 6.1: scheme, host and transport case-insensitively, session-id exactly; the
 * URI parameters do not take part.
 */
public record MsrpUri(String scheme, String authority, String sessionId, String transport, String parameters) {
    public MsrpUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(parameters, "parameters");
        if (!scheme.equalsIgnoreCase("msrp") && !scheme.equalsIgnoreCase("msrps")) {
            throw new IllegalArgumentException("MSRP URI scheme: " + scheme + " (expected: msrp or msrps)");
        }
        if (!isAuthority(authority)) {
            throw new IllegalArgumentException("MSRP URI authority is not host[:port]");
        }
        if (!isSessionId(sessionId)) {
            throw new IllegalArgumentException("MSRP URI session-id has characters outside RFC 4975 9");
        }
        if (!isTransport(transport)) {
            throw new IllegalArgumentException("MSRP URI transport is not 1*ALPHANUM");
        }
        if (!isParameters(parameters)) {
            throw new IllegalArgumentException("MSRP URI parameters are not ;token[=token]");
        }
    }

    /** An {@code msrps} URI over TCP for a session, as the MRFP and the UEs put in SDP {@code a=path}. */
    public static MsrpUri secure(String hostPort, String sessionId) {
        return new MsrpUri("msrps", hostPort, sessionId, "tcp", "");
    }

    /** Parses one URI; throws {@link IllegalArgumentException} with a message that quotes no input. */
    public static MsrpUri parse(String text) {
        int colon = text.indexOf("://");
        if (colon < 0) {
            throw new IllegalArgumentException("MSRP URI without \"://\"");
        }
        String scheme = text.substring(0, colon);
        String rest = text.substring(colon + 3);
        int semi = rest.indexOf(';');
        if (semi < 0) {
            throw new IllegalArgumentException("MSRP URI without a transport (RFC 4975 9)");
        }
        String hostAndSession = rest.substring(0, semi);
        String tail = rest.substring(semi + 1);
        int slash = hostAndSession.indexOf('/');
        String authority = slash < 0 ? hostAndSession : hostAndSession.substring(0, slash);
        String sessionId = slash < 0 ? "" : hostAndSession.substring(slash + 1);
        if (slash >= 0 && sessionId.isEmpty()) {
            throw new IllegalArgumentException("MSRP URI with an empty session-id");
        }
        int nextSemi = tail.indexOf(';');
        String transport = nextSemi < 0 ? tail : tail.substring(0, nextSemi);
        String parameters = nextSemi < 0 ? "" : tail.substring(nextSemi);
        return new MsrpUri(scheme, authority, sessionId, transport, parameters);
    }

    /** RFC 4975 6.1 equality. */
    public boolean sameAs(MsrpUri other) {
        return scheme.equalsIgnoreCase(other.scheme)
                // the authority is ASCII (isAuthority), where equalsIgnoreCase is RFC 4975 6.1's case-insensitive match
                && authority.equalsIgnoreCase(other.authority)
                && sessionId.equals(other.sessionId)
                && transport.equalsIgnoreCase(other.transport);
    }

    @Override
    public String toString() {
        return scheme + "://" + authority + (sessionId.isEmpty() ? "" : "/" + sessionId) + ";" + transport + parameters;
    }

    // The URI's parts, read by hand (issue 20: the regular expressions were a tenth of the MRFP's CPU per relayed
    // chunk, each chunk carrying two URIs); MsrpUriGrammarTest checks each against the regular expression it replaces.

    /** RFC 4975 9: session-id = 1*( unreserved / "+" / "=" / "/" ); empty here means "no session-id". */
    static boolean isSessionId(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && c != '+' && c != '=' && c != '/') {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 4975 9 authority without userinfo (RFC 3986 3.2.2): a reg-name or IPv4 host ({@code *( unreserved /
     * pct-encoded / sub-delims )}, here at least one character and the percent sign not checked for two hex digits), or
     * an IP literal in brackets (hex digits, ":" and "."), then optionally ":" and a port of 1 to 5 digits.
     */
    static boolean isAuthority(String s) {
        int hostEnd;
        if (!s.isEmpty() && s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = s.charAt(i);
                if (!isHexDigit(c) && c != ':' && c != '.') {
                    return false;
                }
            }
            hostEnd = close + 1;
        } else {
            hostEnd = 0;
            while (hostEnd < s.length() && isRegNameChar(s.charAt(hostEnd))) {
                hostEnd++;
            }
            if (hostEnd == 0) {
                return false;
            }
        }
        if (hostEnd == s.length()) {
            return true;
        }
        int digits = s.length() - hostEnd - 1;
        if (s.charAt(hostEnd) != ':' || digits < 1 || digits > 5) {
            return false;
        }
        for (int i = hostEnd + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 4975 9: transport = "tcp" / 1*ALPHANUM. */
    static boolean isTransport(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!MsrpGrammar.isAlphaNum(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4975 9: *( ";" URI-parameter ), URI-parameter = token ["=" token]. */
    static boolean isParameters(String s) {
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != ';') {
                return false;
            }
            int name = MsrpGrammar.tokenEnd(s, i + 1);
            if (name == i + 1) {
                return false;
            }
            i = name;
            if (i < s.length() && s.charAt(i) == '=') {
                int value = MsrpGrammar.tokenEnd(s, i + 1);
                if (value == i + 1) {
                    return false;
                }
                i = value;
            }
        }
        return true;
    }

    /** RFC 3986 2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean isUnreserved(char c) {
        return MsrpGrammar.isAlphaNum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 3.2.2 reg-name's characters: unreserved, "%" of pct-encoded, sub-delims. */
    private static boolean isRegNameChar(char c) {
        return isUnreserved(c) || c == '%' || c == '!' || c == '$' || c == '&' || c == '\'' || c == '('
                || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
