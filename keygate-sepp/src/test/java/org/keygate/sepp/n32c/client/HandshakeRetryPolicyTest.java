package org.keygate.sepp.n32c.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeRetryPolicyTest {
    @Test
    void backoffDoublesUpToTheCap() {
        var p = new HandshakeRetryPolicy(Duration.ofSeconds(10), 30, Duration.ofSeconds(1));
        assertThat(p.backoffBefore(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoffBefore(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoffBefore(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoffBefore(30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new HandshakeRetryPolicy(Duration.ZERO, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("attemptTimeout");
        assertThatThrownBy(() -> new HandshakeRetryPolicy(Duration.ofSeconds(1), -1, Duration.ofSeconds(1)))
                .hasMessageContaining("retries: -1");
    }
}
