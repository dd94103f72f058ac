package org.keygate.tls.plmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.tls.testing.GrammarSamples;

class PlmnIdTest {
    @Test
    void parsesAndPrintsMccMnc() {
        assertThat(PlmnId.parse("001-01")).isEqualTo(new PlmnId("001", "01"));
        assertThat(PlmnId.parse("310-410").toString()).isEqualTo("310-410");
        assertThatThrownBy(() -> PlmnId.parse("01-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlmnId("001", "1")).hasMessageContaining("mnc: 1");
    }

    @Test
    void seppFqdnPadsATwoDigitMnc() {
        // TS 23.003 28.2: a 2-digit MNC is written with a leading 0 in the mnc label.
        assertThat(PlmnId.parse("001-01").seppFqdn()).isEqualTo("sepp.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(PlmnId.parse("310-410").seppFqdn()).isEqualTo("sepp.5gc.mnc410.mcc310.3gppnetwork.org");
    }

    @Test
    void readsThePlmnBackFromAnFqdn() {
        assertThat(PlmnId.fromFqdn("SEPP.5GC.MNC099.MCC999.3GPPNETWORK.ORG")).contains(PlmnId.parse("999-99"));
        assertThat(PlmnId.fromFqdn("udm.5gc.mnc410.mcc310.3gppnetwork.org")).contains(PlmnId.parse("310-410"));
        assertThat(PlmnId.fromFqdn("sepp.example.org")).isEmpty();
        assertThat(PlmnId.fromFqdn("5gc.mnc01.mcc001.3gppnetwork.org")).isEmpty();
    }

    /** TS 23.003 28.2 written as a regular expression: the oracle for the hand-written reader. */
    private static final Pattern FQDN =
            Pattern.compile("^(?:[^.]+\\.)*5gc\\.mnc(\\d{3})\\.mcc(\\d{3})\\.3gppnetwork\\.org\\.?$", Pattern.CASE_INSENSITIVE);

    @Test
    void readsFqdnsExactlyAsTheGrammarDoes() {
        List<String> samples = GrammarSamples.around(List.of("udm.5gc.mnc410.mcc310.3gppnetwork.org",
                "a.b.5gc.mnc001.mcc001.3gppnetwork.org.", "5gc.mnc099.mcc999.3GPPNETWORK.ORG"), "5gcmnoptwrk.0139xA-");
        assertThat(GrammarSamples.disagreements(samples, FQDN, s -> PlmnId.fromFqdn(s).isPresent())).isEmpty();
        for (String s : samples) {
            Matcher m = FQDN.matcher(s);
            if (m.matches()) {
                String mnc = m.group(1).startsWith("0") ? m.group(1).substring(1) : m.group(1);
                assertThat(PlmnId.fromFqdn(s)).as(s).contains(new PlmnId(m.group(2), mnc));
            }
        }
    }

    @Test
    void refusesMccAndMncThatAreNotTwoOrThreeDigits() {
        for (String mnc : List.of("", "1", "1234", "0a", "١٢", " 01")) {
            assertThatThrownBy(() -> new PlmnId("001", mnc)).as(mnc).isInstanceOf(IllegalArgumentException.class);
        }
        for (String mcc : List.of("", "01", "0011", "00a", "٠٠١")) {
            assertThatThrownBy(() -> new PlmnId(mcc, "01")).as(mcc).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new PlmnId("999", "999").mnc()).isEqualTo("999");
    }

    /** TS 33.501 6.1.1.4's serving network name as a regular expression: the oracle for the hand-written reader. */
    private static final Pattern SNN =
            Pattern.compile("^5G:mnc(\\d{3})\\.mcc(\\d{3})\\.3gppnetwork\\.org(?::[A-Fa-f0-9]{11})?$");

    @Test
    void readsServingNetworkNamesExactlyAsTheGrammarDoes() {
        List<String> samples = GrammarSamples.around(List.of("5G:mnc001.mcc001.3gppnetwork.org",
                "5G:mnc410.mcc310.3gppnetwork.org:0123456789a"), "5Gg:mnc.019aF3");
        for (String s : samples) {
            Matcher m = SNN.matcher(s);
            assertThat(PlmnId.fromServingNetworkName(s)).as(s).isEqualTo(m.matches()
                    ? java.util.Optional.of(new PlmnId(m.group(2), m.group(1).startsWith("0") ? m.group(1).substring(1)
                            : m.group(1))) : java.util.Optional.empty());
        }
    }
}
