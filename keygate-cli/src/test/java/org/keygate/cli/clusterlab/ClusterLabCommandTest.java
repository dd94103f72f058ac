package org.keygate.cli.clusterlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code keygate cluster-lab} end to end: real etcd, HAProxy and {@code keygate sepp} processes (Debian etcd-server
 * and haproxy; .ci/run installs them). Its own checks are the assertions: each printed [ok], exit 0.
 */
class ClusterLabCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLabRunsItsStepsAndEveryCheckHolds() {
        ClusterLabCommand lab = new ClusterLabCommand();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        lab.out = new PrintStream(report, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(lab).execute("--instances", "3", "--dir", dir.toString());
        String text = report.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(text).contains("1. every instance joined", "2. a visited NF asks", "3. kill -9", "4. ")
                .contains("keygate cluster-lab: OK").doesNotContain("[FAILED]");
        assertThat(text.lines().filter(l -> l.contains("[ok]")).count()).isEqualTo(9);
        assertThat(exit).isZero();
    }

    @Test
    void refusesAnInstanceCountOutsideTwoToFive() {
        int exit = new CommandLine(new ClusterLabCommand()).execute("--instances", "1", "--dir", dir.toString());
        assertThat(exit).isEqualTo(2);
    }
}
