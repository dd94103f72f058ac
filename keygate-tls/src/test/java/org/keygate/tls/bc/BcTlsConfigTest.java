package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/** Builders refuse what cannot work, and no type prints a key. */
class BcTlsConfigTest {
    private static final String KEY_HEX = "3c3d3e3f404142434445464748494a4b";
    private static final SecretBytes KEY = SecretBytes.copyOf(HexFormat.of().parseHex(KEY_HEX));

    @Test
    void serverBuilderRefusesContradictions() throws Exception {
        assertThatThrownBy(() -> BcTlsServerConfig.builder().build()).hasMessageContaining("at least one");
        PskLookup lookup = PskLookup.of(Map.of("id", KEY));
        assertThatThrownBy(() -> BcTlsServerConfig.builder().pskLookup(lookup)
                .cipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).build())
                .hasMessageContaining("needs keyMaterial");
        assertThatThrownBy(() -> BcTlsServerConfig.builder().pskLookup(lookup)
                .clientAuth(ClientAuth.REQUIRED, List.of()).build()).hasMessageContaining("clientAuth");
        assertThatThrownBy(() -> BcTlsServerConfig.builder().pskLookup(lookup).versions(TlsVersion.TLS_1_3)
                .captureMasterSecret(true).build()).hasMessageContaining("TLS 1.3 has no master secret");
        assertThatThrownBy(() -> BcTlsServerConfig.builder().pskLookup(lookup).versions(TlsVersion.TLS_1_3)
                .cipherSuites(List.of("TLS_PSK_WITH_AES_128_GCM_SHA256")).build())
                .hasMessageContaining("no TLS 1.3 suite");
        assertThatThrownBy(() -> BcTlsServerConfig.builder().cipherSuites(List.of("TLS_RSA_WITH_RC4_128_MD5")))
                .hasMessageContaining("cipherSuites: TLS_RSA_WITH_RC4_128_MD5 (expected one of");
        assertThatThrownBy(() -> BcTlsServerConfig.builder().versions()).hasMessageContaining("versions: []");
        assertThatThrownBy(() -> BcTlsServerConfig.builder().applicationProtocols(List.of("")))
                .hasMessageContaining("1 to 255 octets");

        LabCa ca = LabCa.create("config CA", Duration.ofDays(1));
        LabCa.Issued ec = ca.issue(List.of("localhost"), List.of(InetAddress.getLoopbackAddress()));
        TlsKeyMaterial km = new TlsKeyMaterial(ec.keyPair().getPrivate(), List.of(ec.certificate()));
        assertThatThrownBy(() -> BcTlsServerConfig.builder().keyMaterial(km)
                .cipherSuites(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).build())
                .hasMessageContaining("matching key (got EC)");
        BcTlsServerConfig certOnly = BcTlsServerConfig.builder().keyMaterial(km).build();
        assertThat(certOnly.cipherSuites()).noneMatch(s -> s.contains("PSK") || s.contains("RSA"));
        assertThat(certOnly.sessionIdPolicy()).isEqualTo(SessionIdPolicy.RANDOM_32_OCTETS);
        assertThat(certOnly.requireExtendedMasterSecret()).isTrue();
        assertThat(certOnly.renegotiation()).isEqualTo(RenegotiationPolicy.REFUSE);
        assertThat(certOnly.captureMasterSecret()).isFalse();
    }

    @Test
    void clientBuilderRefusesContradictions() {
        assertThatThrownBy(() -> BcTlsClientConfig.builder().build()).hasMessageContaining("both missing");
        assertThatThrownBy(() -> BcTlsClientConfig.builder().psk(new ExternalPsk("id", KEY))
                .cipherSuites(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).build())
                .hasMessageContaining("needs trustAnchors");
        assertThatThrownBy(() -> new ExternalPsk("", KEY)).hasMessageContaining("identity: 0 octets");
        assertThatThrownBy(() -> new ExternalPsk("x".repeat(65536), KEY)).hasMessageContaining("RFC 4279 5.3");
        assertThatThrownBy(() -> new ExternalPsk("id", SecretBytes.copyOf(new byte[0])))
                .hasMessageContaining("key: 0 octets");
        BcTlsClientConfig psk = BcTlsClientConfig.builder().psk(new ExternalPsk("id", KEY)).build();
        assertThat(psk.cipherSuites()).allMatch(s -> s.contains("PSK") || s.startsWith("TLS_AES"));
    }

    @Test
    void noKeyInToStringOrExceptions() {
        ExternalPsk psk = new ExternalPsk("invoker", KEY);
        assertThat(psk.toString()).contains("invoker").doesNotContain(KEY_HEX).doesNotContainIgnoringCase("3c3d");
        BcTlsClientConfig config = BcTlsClientConfig.builder().psk(psk).captureMasterSecret(true).build();
        assertThat(config.toString()).doesNotContainIgnoringCase(KEY_HEX);
        BcTlsSession session = new BcTlsSession(TlsVersion.TLS_1_2, "TLS_PSK_WITH_AES_128_GCM_SHA256", new byte[32],
                Optional.of("invoker"), List.of(), true, true, Optional.empty(), Optional.of(KEY));
        assertThat(session.toString()).contains("masterSecret captured").doesNotContainIgnoringCase(KEY_HEX);
        assertThat(new BcTlsAlertException((short) 115, true, "no key for identity invoker", null).getMessage())
                .isEqualTo("sent fatal alert unknown_psk_identity(115): no key for identity invoker");
        byte[] id = session.sessionId();
        id[0] = 1;
        assertThat(session.sessionId()[0]).as("session ID is copied out").isZero();
    }
}
