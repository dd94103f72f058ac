package org.keygate.sbi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.testing.GrammarSamples;

/** {@code 3gpp-Sbi-Originating-Network-Id} (TS 29.500 5.2.3.2.x): the hand-written reader against the ABNF. */
class OriginatingNetworkIdTest {
    /** The ABNF as a regular expression: the oracle. */
    private static final Pattern FORM = Pattern.compile(
            "^(\\d{3})-(\\d{2,3})(?:-([0-9A-Fa-f]{11}))?(?:;[ \\t]*src:[ \\t]+(SCP|SEPP)-([A-Za-z0-9.-]{4,}))?$");

    private static Optional<OriginatingNetworkId> byGrammar(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (text.length() > 512 || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new OriginatingNetworkId(new PlmnId(m.group(1), m.group(2)),
                Optional.ofNullable(m.group(3)).map(s -> s.toUpperCase(Locale.ROOT)), Optional.ofNullable(m.group(4)),
                Optional.ofNullable(m.group(5))));
    }

    @Test
    void readsExactlyWhatTheGrammarReads() {
        List<String> samples = GrammarSamples.around(List.of("001-01; src: SEPP-sepp.5gc.mnc001.mcc001.3gppnetwork.org",
                "310-410-0123456789a;\tsrc:\t SCP-scp.example.org", " 999-999 ", "001-01-ABCDEF01234"),
                "0123456789aF-; \tsrc:SEPCP.x");
        for (String s : samples) {
            assertThat(OriginatingNetworkId.parse(s)).as(s).isEqualTo(byGrammar(s));
        }
        assertThat(OriginatingNetworkId.parse("001-01; src: SEPP-sepp.5gc.mnc001.mcc001.3gppnetwork.org"))
                .contains(OriginatingNetworkId.fromSepp(new PlmnId("001", "01"), "sepp.5gc.mnc001.mcc001.3gppnetwork.org"));
    }

    @Test
    void writesWhatItReads() {
        OriginatingNetworkId id = OriginatingNetworkId.parse("001-01-0123456789a; src: SCP-scp.example.org").orElseThrow();
        assertThat(id.format()).isEqualTo("001-01-0123456789A; src: SCP-scp.example.org");
    }
}
