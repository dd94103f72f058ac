package org.keygate.crypto.n32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TS 29.573's N32fContextId pattern {@code ^[A-Fa-f0-9]{16}$}. */
class N32fContextIdTest {
    @Test
    void acceptsSixteenHexDigitsOfEitherCaseAndStoresThemLowercase() {
        assertThat(N32fContextId.parse("0123456789ABCDEF").value()).isEqualTo("0123456789abcdef");
        assertThat(N32fContextId.parse("fedcba9876543210")).isEqualTo(N32fContextId.parse("FEDCBA9876543210"));
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : List.of("", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg", " 123456789abcdef",
                "0123456789abcde\n", "０123456789abcdef", "0x23456789abcdef")) {
            assertThatThrownBy(() -> N32fContextId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
