package org.keygate.sepp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.tls.testing.GrammarSamples;

/** TS 23.003 28.5.2's telescopic FQDN form, as the hand-written check reads it. */
class TelescopicFqdnsTest {
    /** One label under any SEPP's FQDN (TS 23.003 28.4.4), as a regular expression: the oracle. */
    private static final Pattern FORM = Pattern.compile(
            "^[a-z0-9-]{1,63}\\.sepp[a-z0-9-]*\\.5gc\\.mnc[0-9]{3}\\.mcc[0-9]{3}\\.3gppnetwork\\.org\\.?$",
            Pattern.CASE_INSENSITIVE);

    @Test
    void recognisesTheFormExactlyAsTheGrammarDoes() {
        // This SEPP's own domain is one no sample is near: the form of any SEPP's names is under test here.
        TelescopicFqdns fqdns = new TelescopicFqdns("sepp.5gc.mnc555.mcc555.3gppnetwork.org", 4);
        List<String> samples = GrammarSamples.around(List.of("udm1.sepp.5gc.mnc410.mcc310.3gppnetwork.org",
                "x-y.sepp-2.5gc.mnc099.mcc999.3gppnetwork.org", "a.sepp.5gc.mnc001.mcc001.3gppnetwork.org"),
                "usepdm.-5gcno3w019");
        assertThat(GrammarSamples.disagreements(samples, FORM, fqdns::isTelescopicForm)).isEmpty();
        assertThat(fqdns.isTelescopicForm("udm1.sepp.5gc.mnc410.mcc310.3gppnetwork.org:443")).isTrue();
        assertThat(fqdns.isTelescopicForm(("a".repeat(64)) + ".sepp.5gc.mnc410.mcc310.3gppnetwork.org")).isFalse();
    }
}
