package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.tls.testing.GrammarSamples;

/**
 * The hand-written RFC 4975 9 readers of {@link MsrpGrammar} and {@link MsrpUri} against the regular expressions they
 * replaced (issue 20), on valid values and thousands of seeded edits of each (a character replaced, inserted, deleted,
 * its case flipped) from an alphabet of the grammar's characters and its near misses.
 */
class MsrpGrammarTest {
    /** The token characters of RFC 4975 9 as a regular-expression class (the one the decoder used). */
    private static final String TOKEN = "[!#-'*+\\-.0-9A-Z^-~]";
    /** Near misses around the rules below: separators, controls, non-ASCII, the characters of neighbouring rules. */
    private static final String ALPHABET = "aZ09.-+%=_~/;:[]@!#$&'()*,\"\\ \t\r\n\u007f\u00e9\u2028<>?{}^`|";

    private static void agrees(Pattern oracle, java.util.function.Predicate<String> reader, List<String> seeds) {
        List<String> samples = GrammarSamples.around(seeds, ALPHABET);
        assertThat(samples).hasSizeGreaterThan(4_000 * seeds.size());
        // both verdicts occur, so the edits reach the grammar's edge from both sides
        assertThat(samples).anyMatch(reader).anyMatch(reader.negate());
        assertThat(GrammarSamples.disagreements(samples, oracle, reader)).isEmpty();
    }

    @Test
    void identAgreesWithItsRegularExpression() {
        agrees(Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-+%=]{3,31}"), MsrpGrammar::isIdent,
                List.of("d93kswow", "a786hjs2", "dkei38sd", "abcd", "4a7yq2wbfrcw5jysnhwlf37edoq6nqvr", "x.-+%=9"));
    }

    @Test
    void headerNameAgreesWithItsRegularExpression() {
        agrees(Pattern.compile("[A-Za-z]" + TOKEN + "*"), MsrpGrammar::isHeaderName,
                List.of("To-Path", "Message-ID", "Byte-Range", "Content-Type", "X!#$%&'*+-.^_`|~z9"));
    }

    @Test
    void methodAgreesWithItsRegularExpression() {
        agrees(Pattern.compile("[A-Z]+"), MsrpGrammar::isMethod, List.of("SEND", "REPORT", "AUTH", "X"));
    }

    /**
     * The old expression ended in {@code (?:;.*)?}, whose "." stops at U+0085, U+2028 and U+2029 (Java's line
     * terminators): it refused those three after a ";", which RFC 4975 9's utf8text allows (UTF8-NONASCII). The reader
     * follows the RFC, so the oracle here is the same expression with DOTALL; the line separator is in the alphabet.
     * The old method also required utf8text of the whole value ({@link MsrpGrammar#isUtf8Text}): in the oracle, the
     * parameters' class without the controls.
     */
    @Test
    void mediaTypeAgreesWithItsRegularExpression() {
        Pattern oracle = Pattern.compile("(?s)" + TOKEN + "+/" + TOKEN + "+(?:;[^\\x00-\\x08\\x0a-\\x1f\\x7f]*)?");
        agrees(oracle, MsrpGrammar::isMediaType, List.of("text/plain", "message/cpim", "text/plain;charset=UTF-8",
                "multipart/mixed; boundary=\"x y\"", "application/vnd.3gpp.bfcp+xml"));
        assertThat(MsrpGrammar.isMediaType("text/plain;x=\u2028")).isTrue();
    }

    @Test
    void sessionIdAgreesWithItsRegularExpression() {
        agrees(Pattern.compile("[A-Za-z0-9\\-._~+=/]*"), MsrpUri::isSessionId,
                List.of("iau39soe2843z", "9di4eae923wzd", "a/b+c=d~e_f.g-h", "0123456789abcdef"));
    }

    @Test
    void authorityAgreesWithItsRegularExpression() {
        agrees(Pattern.compile("(?:[A-Za-z0-9\\-._~%!$&'()*+,;=]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?"),
                MsrpUri::isAuthority, List.of("bob.example.com:8888", "127.0.0.1:2855", "[2001:db8::1]:2855", "[::1]",
                        "host", "a%20b!$&'()*+,;=:65535"));
    }

    @Test
    void transportAgreesWithItsRegularExpression() {
        agrees(Pattern.compile("[A-Za-z0-9]+"), MsrpUri::isTransport, List.of("tcp", "TCP", "sctp1"));
    }

    @Test
    void parametersAgreeWithTheirRegularExpression() {
        agrees(Pattern.compile("(?:;" + TOKEN + "+(?:=" + TOKEN + "+)?)*"), MsrpUri::isParameters,
                List.of("", ";a", ";a=b", ";name=value;flag;x-y=1.2", ";!#$%&'*+-.^_`|~=~"));
    }
}
