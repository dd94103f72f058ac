package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.capif.model.SecurityMethod;

class SecurityMethodSelectionTest {
    static final SecurityMethod PSK = SecurityMethod.PSK;
    static final SecurityMethod PKI = SecurityMethod.PKI;
    static final SecurityMethod OAUTH = SecurityMethod.OAUTH;
    static final List<SecurityMethod> ALL = List.of(PSK, PKI, OAUTH);

    @Test
    void theInvokersOrderDecidesAmongWhatTheInterfaceAndPolicyAllow() {
        assertThat(SecurityMethodSelection.select(List.of(OAUTH, PSK), ALL, ALL, true)).contains(OAUTH);
        assertThat(SecurityMethodSelection.select(List.of(PSK, PKI), List.of(PKI), ALL, true)).contains(PKI);
        assertThat(SecurityMethodSelection.select(List.of(PSK, PKI), ALL, List.of(PKI), true)).contains(PKI);
    }

    @Test
    void pskNeedsABootstrappableCapif1eSession() {
        assertThat(SecurityMethodSelection.select(List.of(PSK, OAUTH), ALL, ALL, false)).contains(OAUTH);
        assertThat(SecurityMethodSelection.select(List.of(PSK), ALL, ALL, false)).isEmpty();
    }

    @Test
    void unknownMethodsAreNeverChosen() {
        SecurityMethod future = SecurityMethod.of("QUANTUM");
        assertThat(SecurityMethodSelection.select(List.of(future, PKI), List.of(future, PKI), List.of(future, PKI), true))
                .contains(PKI);
        assertThat(SecurityMethodSelection.select(List.of(future), List.of(future), List.of(future), true)).isEmpty();
    }
}
