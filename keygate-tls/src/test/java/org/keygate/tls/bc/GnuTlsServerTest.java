package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.secret.SecretBytes;

/** The BC PSK client against GnuTLS's echo server (gnutls-serv --pskpasswd), TLS 1.2 and 1.3. */
class GnuTlsServerTest {
    private static final String IDENTITY = "mrfp-msrp-3";
    private static final String KEY_HEX = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path dir;

    @Test
    void pskClientExchangesBytesWithGnuTls() throws Exception {
        ExternalTool.require("gnutls-serv");
        Path passwd = dir.resolve("psk.passwd");
        Files.writeString(passwd, IDENTITY + ":" + KEY_HEX + "\n");
        for (TlsVersion version : TlsVersion.values()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process server = new ProcessBuilder(List.of("gnutls-serv", "--echo", "--port", String.valueOf(port),
                    "--pskpasswd", passwd.toString(), "--priority", "NORMAL:+PSK:+ECDHE-PSK:+DHE-PSK"))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = out.readLine(); ; line = out.readLine()) {
                    assertThat(line).as("gnutls-serv started").isNotNull();
                    if (line.contains("listening")) {
                        break;
                    }
                }
                BcTlsClientConfig config = BcTlsClientConfig.builder().versions(version)
                        .psk(new ExternalPsk(IDENTITY, SecretBytes.copyOf(HexFormat.of().parseHex(KEY_HEX)))).build();
                try (TestClient c = new TestClient(port, config, "floor request\n")) {
                    BcTlsSession s = c.handshake.get(20, TimeUnit.SECONDS);
                    assertThat(s.version()).isEqualTo(version);
                    assertThat(s.pskIdentity()).contains(IDENTITY);
                    assertThat(c.readUntil("\n")).isEqualTo("floor request\n");
                }
            } finally {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
