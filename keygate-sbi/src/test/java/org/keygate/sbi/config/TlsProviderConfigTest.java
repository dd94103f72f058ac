package org.keygate.sbi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.tls.jsse.TlsProvider;

/** {@code tls.provider} as a SEPP's or an IPX node's file writes it (docs/CONFIGURATION.md). */
class TlsProviderConfigTest {

    private static RawTls tls(String provider) {
        return new RawTls("sepp.crt", "sepp.key", List.of("TLSv1.3"), provider);
    }

    @Test
    void absentIsTheJdksEngineAndEachNameIsItsProvider() {
        assertThat(ConfigReader.tlsProvider(tls(null))).isEqualTo(TlsProvider.JDK);
        assertThat(ConfigReader.tlsProvider(tls("jdk"))).isEqualTo(TlsProvider.JDK);
        // BoringSSL loads on the machines the suite runs on (linux-x86_64, .ci/run); elsewhere this is refused.
        assertThat(ConfigReader.tlsProvider(tls("openssl"))).isEqualTo(TlsProvider.OPENSSL);
    }

    @Test
    void anotherNameIsRefusedNamingTheMemberAndTheChoices() {
        assertThatThrownBy(() -> ConfigReader.tlsProvider(tls("boringssl")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.provider").hasMessageContaining("boringssl")
                .hasMessageContaining("jdk or openssl");
        assertThatThrownBy(() -> ConfigReader.tlsProvider(tls("JDK"))).isInstanceOf(ConfigException.class);
    }
}
