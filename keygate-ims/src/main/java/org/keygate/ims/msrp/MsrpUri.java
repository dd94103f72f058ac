package org.keygate.ims.msrp;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An MSRP URI (RFC 4975 6): {@code msrp[s]://authority[/session-id];transport[;param...]}.
 *
 * <p>Comparison follows RFC 4975 6.1: scheme, host and transport case-insensitively, session-id exactly; the
 * URI parameters do not take part.
 */
public record MsrpUri(String scheme, String authority, String sessionId, String transport, String parameters) {
    /** RFC 4975 9: session-id = 1*( unreserved / "+" / "=" / "/" ). */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9\\-._~+=/]+");
    /** RFC 3986 authority without userinfo: a reg-name/IPv4 host, or an IP literal, and an optional port. */
    private static final Pattern AUTHORITY = Pattern.compile("(?:[A-Za-z0-9\\-._~%!$&'()*+,;=]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern TRANSPORT = Pattern.compile("[A-Za-z0-9]+");
    /** URI-parameter = token ["=" token]. */
    private static final Pattern PARAMETERS = Pattern.compile("(?:;[!#-'*+\\-.0-9A-Z^-~]+(?:=[!#-'*+\\-.0-9A-Z^-~]+)?)*");

    public MsrpUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(parameters, "parameters");
        if (!scheme.equalsIgnoreCase("msrp") && !scheme.equalsIgnoreCase("msrps")) {
            throw new IllegalArgumentException("MSRP URI scheme: " + scheme + " (expected: msrp or msrps)");
        }
        if (!AUTHORITY.matcher(authority).matches()) {
            throw new IllegalArgumentException("MSRP URI authority is not host[:port]");
        }
        if (!sessionId.isEmpty() && !SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("MSRP URI session-id has characters outside RFC 4975 9");
        }
        if (!TRANSPORT.matcher(transport).matches()) {
            throw new IllegalArgumentException("MSRP URI transport is not 1*ALPHANUM");
        }
        if (!PARAMETERS.matcher(parameters).matches()) {
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
                && authority.toLowerCase(Locale.ROOT).equals(other.authority.toLowerCase(Locale.ROOT))
                && sessionId.equals(other.sessionId)
                && transport.equalsIgnoreCase(other.transport);
    }

    @Override
    public String toString() {
        return scheme + "://" + authority + (sessionId.isEmpty() ? "" : "/" + sessionId) + ";" + transport + parameters;
    }
}
