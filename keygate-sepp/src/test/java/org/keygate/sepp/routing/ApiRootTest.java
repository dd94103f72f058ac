package org.keygate.sepp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.tls.testing.GrammarSamples;

/** The {@code 3gpp-Sbi-Target-apiRoot} grammar of TS 29.500 5.2.3.2.4. */
class ApiRootTest {
    @Test
    void parsesSchemeHostPortAndPrefix() {
        ApiRoot r = ApiRoot.parse(" https://UDM.5gc.mnc001.mcc001.3gppnetwork.org:8443/a/b/ ").orElseThrow();
        assertThat(r.scheme()).isEqualTo("https");
        assertThat(r.host()).isEqualTo("udm.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(r.port()).isEqualTo(8443);
        assertThat(r.prefix()).isEqualTo("/a/b");
        assertThat(r.authority()).isEqualTo("udm.5gc.mnc001.mcc001.3gppnetwork.org:8443");
        assertThat(ApiRoot.parse("http://[2001:db8::1]:80").orElseThrow().hostIsName()).isFalse();
        assertThat(ApiRoot.parse("http://10.0.0.1").orElseThrow().port()).isEqualTo(-1);
    }

    @Test
    void refusesWhatTheGrammarDoesNotAllow() {
        for (String bad : new String[] {"", "udm.example.org", "ftp://udm.example.org", "https://", "https://a..b",
                "https://user@udm.example.org", "https://udm.example.org:0", "https://udm.example.org:70000",
                "https://udm.example.org/a?b=c", "https://udm.example.org/#f", "https://udm exa.org",
                "https://-udm.example.org", "https://udm.example.org:8a", "https://" + "a".repeat(64) + ".org",
                "https://udm.example.org/" + "p".repeat(1100)}) {
            assertThat(ApiRoot.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ApiRoot.parse(null)).isEmpty();
    }

    /** TS 29.500 5.2.3.2.4's ABNF and RFC 1123 names, as regular expressions: the oracle for the hand-written reader. */
    private static final Pattern FORM = Pattern.compile(
            "^(https?)://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?((?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*)$");
    private static final Pattern LDH_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    private static Optional<ApiRoot> byGrammar(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (text.length() > ApiRoot.MAX_LENGTH || !m.matches()) {
            return Optional.empty();
        }
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!host.startsWith("[") && (name.isEmpty() || name.length() > ApiRoot.MAX_HOST_LENGTH
                || !java.util.Arrays.stream(name.split("\\.", -1)).allMatch(l -> LDH_LABEL.matcher(l).matches()))) {
            return Optional.empty();
        }
        int port = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        if (m.group(3) != null && (port < 1 || port > 65535)) {
            return Optional.empty();
        }
        return Optional.of(new ApiRoot(m.group(1), host, port, m.group(4).replaceAll("/+$", "")));
    }

    @Test
    void readsExactlyWhatTheGrammarReads() {
        List<String> samples = GrammarSamples.around(List.of("https://udm.5gc.mnc001.mcc001.3gppnetwork.org:8443/a/b/",
                "http://[2001:db8::1]:80/p", " http://10.0.0.1 ", "https://a-b.c.:65535/x;y=z/@%41~"),
                "htps:/[]:.0169aZ-_?#@%/ ");
        for (String s : samples) {
            assertThat(ApiRoot.parse(s)).as(s).isEqualTo(byGrammar(s));
            ApiRoot.parse(s).ifPresent(r -> assertThat(r.hostIsName()).as(s).isEqualTo(!r.host().startsWith("[")
                    && !r.host().matches("[0-9.]+")));
        }
    }
}
