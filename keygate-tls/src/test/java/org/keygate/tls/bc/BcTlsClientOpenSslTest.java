package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;

/** The BC client against OpenSSL's s_server with PSK and no certificate (the IMS MRFP as TLS client). */
class BcTlsClientOpenSslTest {
    private static final String IDENTITY = "mrfp-stream-1";
    private static final String KEY_HEX = "5f3e2d1c0b0a09080706050403020100ffeeddccbbaa99887766554433221100";

    /** Starts {@code openssl s_server -rev} for one connection and waits until it listens. */
    private static Process sServer(int port, String version, String keyHex) throws Exception {
        ExternalTool.require("openssl");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-nocert",
                "-psk", keyHex, "-psk_identity", IDENTITY, version, "-rev", "-naccept", "1"));
        if (version.equals("-tls1_2")) {
            cmd.addAll(List.of("-cipher", "PSK-AES128-GCM-SHA256:PSK-AES256-GCM-SHA384"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ACCEPT")) {
                return p;
            }
        }
        throw new AssertionError("openssl s_server did not start: exit " + p.waitFor());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static BcTlsClientConfig client(TlsVersion version, String keyHex) {
        return BcTlsClientConfig.builder().versions(version)
                .psk(new ExternalPsk(IDENTITY, SecretBytes.copyOf(HexFormat.of().parseHex(keyHex)))).build();
    }

    @Test
    void pskClientExchangesBytesWithOpenSsl() throws Exception {
        for (TlsVersion version : TlsVersion.values()) {
            int port = freePort();
            Process server = sServer(port, version == TlsVersion.TLS_1_2 ? "-tls1_2" : "-tls1_3", KEY_HEX);
            try (TestClient c = new TestClient(port, client(version, KEY_HEX), "msrp chunk\n")) {
                BcTlsSession s = c.handshake.get(20, TimeUnit.SECONDS);
                assertThat(s.version()).isEqualTo(version);
                assertThat(s.pskIdentity()).contains(IDENTITY);
                assertThat(s.cipherSuite()).isEqualTo(version == TlsVersion.TLS_1_2
                        ? "TLS_PSK_WITH_AES_128_GCM_SHA256" : "TLS_AES_128_GCM_SHA256");
                if (version == TlsVersion.TLS_1_2) {
                    assertThat(s.extendedMasterSecret()).isTrue();
                    assertThat(s.secureRenegotiation()).isTrue();
                }
                // s_server -rev answers each line reversed
                assertThat(c.readUntil("\n")).isEqualTo("knuhc prsm\n");
            } finally {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void wrongKeyFailsTheClientHandshake() throws Exception {
        int port = freePort();
        Process server = sServer(port, "-tls1_2", KEY_HEX);
        try (TestClient c = new TestClient(port, client(TlsVersion.TLS_1_2, "00112233445566778899aabbccddeeff"), "x")) {
            assertThatThrownBy(() -> c.handshake.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(BcTlsAlertException.class)
                    .hasMessageContaining("received fatal alert bad_record_mac(20)");
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
