package org.keygate.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.KeygateCommand;
import org.keygate.cli.lab.LabNetwork;
import org.keygate.cli.lab.LabTopology;
import org.keygate.sbi.admin.AdminServer;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.status.SeppStatusView;
import picocli.CommandLine;

/**
 * {@code keygate status} against a running SEPP pair (the lab's two SEPPs, PRINS, one AV request through them):
 * each SEPP's status view served on an admin listener on 127.0.0.1 port 0, read back by the command.
 */
class StatusCommandTest {
    private static final String GENERATE = "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";
    private static final String BODY = "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"7a1e1a2c-8b39-4a7e-9f7b-0b1d3c4e5f60\"}";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run status(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = KeygateCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "status";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cmd.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** The node's status on an admin listener of its own, as the SEPP's admin listener serves it. */
    private static AdminServer admin(SeppNode node) {
        return AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                (PrometheusMeterRegistry) node.meters(), () -> true, Map.of("/status",
                        new SeppStatusView(node.config(), node.contexts(), node.meters(), p -> Optional.empty())));
    }

    private static String at(AdminServer a) {
        return "127.0.0.1:" + a.localAddress().getPort();
    }

    @Test
    void showsEachSideOfARunningPairWithTheSameContextsAndTheMessageCounts() throws Exception {
        LabNetwork.generatePki(dir);
        try (LabNetwork net = LabNetwork.start(dir, LabTopology.of(0), "PRINS, TLS", false);
                AdminServer home = admin(net.home); AdminServer visited = admin(net.visited)) {
            Run before = status("--admin", at(visited));
            assertThat(before.code).as(before.out + before.err).isEqualTo(1); // not negotiated yet
            assertThat(before.out).containsPattern("(?m)^home +DOWN +- ");

            N32fContext agreed = net.visited.establish("home").get(30, TimeUnit.SECONDS);
            assertThat(send(net.visited).status()).isEqualTo(200);

            Run v = status("--admin", at(visited));
            Run h = status("--admin", at(home));
            assertThat(v.code).as(v.out + v.err).isZero();
            assertThat(h.code).as(h.out + h.err).isZero();
            assertThat(v.out).startsWith("SEPP visited (sepp.5gc.mnc099.mcc999.3gppnetwork.org, PLMN 999-99) at ");
            assertThat(v.out.lines().toList().get(1)).startsWith("PARTNER").contains("LOCAL CONTEXT", "LAST ERROR");
            String local = agreed.localContextId().orElseThrow().toString();
            String remote = agreed.remoteContextId().orElseThrow().toString();
            // The visited SEPP sent one request; the home SEPP received it: each row from its own end.
            assertThat(v.out).containsPattern("(?m)^home +UP +PRINS +initiator +" + local + " +" + remote
                    + " +A256GCM/ES256 +\\d+s +23h59m +0/1 +1/0 +-$");
            assertThat(h.out).containsPattern("(?m)^visited +UP +PRINS +responder +" + remote + " +" + local
                    + " +A256GCM/ES256 +\\d+s +23h59m +1/0 +0/0 +-$");
            assertThat(v.out).contains("N32-f rejections: none");

            Run json = status("--admin", at(visited), "--json");
            assertThat(json.code).isZero();
            assertThat(json.out).contains("\"localContextId\":\"" + local + "\"", "\"messagesOut\":1");
            for (String fingerprint : agreed.sessionKeys().orElseThrow().fingerprints().values()) {
                assertThat(json.out + v.out).doesNotContain(fingerprint.substring(0, 16));
            }
        }
    }

    @Test
    void anAddressWithoutASeppSaysWhatFailedAndExitsWith2() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run refused = status("--admin", "127.0.0.1:" + closed);
        assertThat(refused.code).isEqualTo(2);
        assertThat(refused.err).startsWith("keygate: cannot read http://127.0.0.1:" + closed + "/status: ")
                .contains("nothing accepted the connection", "admin.listen");

        Run bad = status("--admin", "127.0.0.1");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("--admin: 127.0.0.1 (expected: HOST:PORT)");
    }

    @Test
    void anAdminListenerWithoutAStatusViewIsNamedAsSuch() {
        try (AdminServer plain = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT), () -> true)) {
            Run r = status("--admin", at(plain));
            assertThat(r.code).isEqualTo(2);
            assertThat(r.err).contains("answered 404", "GET /healthz, GET /metrics");
        }
    }

    private static SbiResponse send(SeppNode visited) throws Exception {
        try (SbiClient client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(20)).build()) {
            SbiClientConnection c = client.connect(visited.sbiAddress().orElseThrow(), null).get(20, TimeUnit.SECONDS);
            return c.send(new SbiRequest("POST", GENERATE, SbiHeaders.of("content-type", "application/json",
                    "3gpp-sbi-target-apiroot", "http://udm.5gc.mnc001.mcc001.3gppnetwork.org"),
                    BODY.getBytes(StandardCharsets.UTF_8)), "sepp.5gc.mnc099.mcc999.3gppnetwork.org", "http")
                    .get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void durationsReadAtAGlance() {
        assertThat(List.of(StatusTable.duration(59), StatusTable.duration(303), StatusTable.duration(86399),
                StatusTable.duration(7 * 86400 - 1))).containsExactly("59s", "5m03s", "23h59m", "6d23h");
    }
}
