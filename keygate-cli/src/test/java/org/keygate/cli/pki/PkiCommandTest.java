package org.keygate.cli.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;
import picocli.CommandLine;

class PkiCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneDirectoryPerSeppWithItsPlmnInTheCertificate() throws Exception {
        int code = new CommandLine(new PkiCommand()).execute("--out", dir.toString(), "--sepp", "home:001-01",
                "--sepp", "visited:999-99:sepp.visited.example.org");
        assertThat(code).isZero();
        var visited = PemFiles.readCertificates(dir.resolve("visited/sepp.crt")).getFirst();
        assertThat(PeerIdentity.of(visited).plmnIds()).containsExactly(PlmnId.parse("999-99"));
        assertThat(PeerIdentity.of(visited).dnsNames()).contains("sepp.visited.example.org");
        assertThat(dir.resolve("home/sepp.key")).exists();
    }

    @Test
    void refusesABadSeppSpecification() {
        CommandLine cmd = new CommandLine(new PkiCommand());
        cmd.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cmd.execute("--out", dir.toString(), "--sepp", "home:1-1")).isEqualTo(2);
        assertThat(dir.resolve("home")).doesNotExist();
    }
}
