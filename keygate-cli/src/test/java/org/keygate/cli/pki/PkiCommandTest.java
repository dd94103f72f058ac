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
    void issuesTheRfc9310NfTypesExtensionWhenAsked() throws Exception {
        int code = new CommandLine(new PkiCommand()).execute("--out", dir.toString(), "--sepp", "home:001-01",
                "--nf-types", "SEPP");
        assertThat(code).isZero();
        var home = PemFiles.readCertificates(dir.resolve("home/sepp.crt")).getFirst();
        // OCTET STRING { SEQUENCE { IA5String "SEPP" } }, RFC 9310 2 (id-pe-nftype = id-pe 34)
        assertThat(java.util.HexFormat.of().formatHex(home.getExtensionValue("1.3.6.1.5.5.7.1.34")))
                .isEqualTo("040830061604" + "53455050");

        CommandLine bad = new CommandLine(new PkiCommand());
        bad.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(bad.execute("--out", dir.resolve("bad").toString(), "--sepp", "home:001-01", "--nf-types",
                "X".repeat(33))).isEqualTo(2);
    }

    @Test
    void refusesABadSeppSpecification() {
        CommandLine cmd = new CommandLine(new PkiCommand());
        cmd.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cmd.execute("--out", dir.toString(), "--sepp", "home:1-1")).isEqualTo(2);
        assertThat(dir.resolve("home")).doesNotExist();
    }
}
