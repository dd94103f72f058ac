package org.keygate.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.KeygateCommand;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.ErrorPayload;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.PendingTicketRequest;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.mikey.ticket.TransferKeys;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.cli.KeygateProcess;
import org.keygate.sbi.lab.LabProcess;

/** The three IMS daemons from their files: {@code --check}, and the KMS as a process of its own across a restart. */
class ImsDaemonsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void checkPassesTheLabFilesAndExitsTwoNamingTheMemberOfABrokenOne(@TempDir Path dir) throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        assertThat(run("ims", "kms", "--check", "--config", f.kmsYaml().toString()).code).isZero();
        assertThat(run("ims", "mrfc", "--check", "--config", f.mrfcYaml().toString()).code).isZero();
        assertThat(run("ims", "mrfp", "--check", "--config", f.mrfpYaml().toString()).code).isZero();

        assertBroken("kms", f.kmsYaml(), "pskFile: mrfc/kms.psk", "pskFile: mrfc/missing.psk", "users[0].pskFile");
        assertBroken("kms", f.kmsYaml(), "clockSkew: PT5M", "clockSkew: five minutes", "clockSkew");
        assertBroken("kms", f.kmsYaml(), "tpk: {id: kms-tpk-1, ", "tpk: {id: kms-tpk-1, colour: red, ", "colour");
        assertBroken("mrfc", f.mrfcYaml(), "transport: UDP", "transport: SCTP", "sip.transport");
        assertBroken("mrfc", f.mrfcYaml(), "tlsProtType: 2", "tlsProtType: 300", "tlsProtType");
        assertBroken("mrfc", f.mrfcYaml(), "\"mikey:{csbId}:{csId}:{spi}\"", "\"mikey:{csId}\"", "pskIdentityFormat");
        assertBroken("mrfc", f.mrfcYaml(), "address: 127.0.0.1:", "address: 127.0.0.1:x", "kms.address");
        assertBroken("mrfc", f.mrfcYaml(), "pollInterval: PT0.5S", "pollInterval: PT0.01S", "mrfp.pollInterval");
        assertBroken("mrfc", f.mrfcYaml(), "probeInterval: PT1S", "probeInterval: often", "kms.probeInterval");
        assertBroken("mrfp", f.mrfpYaml(), "minPort: 0, maxPort: 0", "minPort: 41000, maxPort: 40000",
                "media.maxPort");
        assertBroken("mrfp", f.mrfpYaml(), "maxTerminations: 100", "maxTerminations: 0", "media.maxTerminations");
        // issue 18: the draining stop's bound, in each file; zero would not mean "no limit"
        assertBroken("kms", f.kmsYaml(), "drainTimeout: PT10S", "drainTimeout: PT0S", "shutdown.drainTimeout");
        assertBroken("mrfc", f.mrfcYaml(), "drainTimeout: PT10S", "drainTimeout: PT11M", "shutdown.drainTimeout");
        assertBroken("mrfp", f.mrfpYaml(), "drainTimeout: PT10S", "drainTimeout: 20s", "shutdown.drainTimeout");
    }

    @Test
    void checkWarnsOfCertificatesExpiringWithin30DaysAndRefusesExpiredOnes(@TempDir Path dir) throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        // a KMS certificate and CA valid for 10 more days: accepted, with a warning per certificate
        org.keygate.tls.pki.LabCa soon = org.keygate.tls.pki.LabCa.create("soon CA", Duration.ofDays(10));
        org.keygate.tls.pki.LabPki.write(dir.resolve("soon"), soon, soon.issue(List.of(ImsLabFiles.KMS_HOST),
                List.of()));
        Path soonYaml = dir.resolve("kms-soon.yaml");
        Files.writeString(soonYaml, Files.readString(f.kmsYaml()).replace(
                "tls: {certificate: kms/sepp.crt, key: kms/sepp.key, trustAnchors: [kms/ca.crt]}",
                "tls: {certificate: soon/sepp.crt, key: soon/sepp.key, trustAnchors: [soon/ca.crt]}"));
        Result warned = run("ims", "kms", "--check", "--config", soonYaml.toString());
        assertThat(warned.code).as(warned.err).isZero();
        assertThat(warned.out).contains("warning: " + soonYaml + ": tls.certificate[0]: certificate ")
                .contains("warning: " + soonYaml + ": tls.trustAnchors[0]: certificate CN=soon CA, O=keygate lab"
                        + " expires at " + soon.certificate().getNotAfter().toInstant() + " (within 30 days)")
                .contains(soonYaml + ": OK");

        // an MRFC certificate that expired 30 s ago: refused, exit 2, the member named
        org.keygate.tls.pki.LabCa expired = org.keygate.tls.pki.LabCa.create("expired CA", Duration.ofSeconds(-30));
        org.keygate.tls.pki.LabPki.write(dir.resolve("expired"), expired, expired.issue(
                List.of("mrfc.ims.example.org"), List.of()));
        Path expiredYaml = dir.resolve("mrfc-expired.yaml");
        Files.writeString(expiredYaml, Files.readString(f.mrfcYaml()).replace(
                "tls: {certificate: mrfc/sepp.crt, key: mrfc/sepp.key, trustAnchors: [mrfc/ca.crt]}",
                "tls: {certificate: expired/sepp.crt, key: expired/sepp.key, trustAnchors: [mrfc/ca.crt]}"));
        Result refused = run("ims", "mrfc", "--check", "--config", expiredYaml.toString());
        assertThat(refused.code).as(refused.out).isEqualTo(2);
        assertThat(refused.err).contains(expiredYaml + ": tls.certificate[0]: expired at ")
                .contains("(expected: a certificate valid now");
    }

    private static void assertBroken(String node, Path good, String from, String to, String member) throws Exception {
        String text = Files.readString(good);
        assertThat(text).contains(from);
        Path broken = good.resolveSibling("broken-" + good.getFileName());
        Files.writeString(broken, text.replace(from, to));
        Result r = run("ims", node, "--check", "--config", broken.toString());
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains(broken.toString()).contains(member);
    }

    @Test
    void aTicketIssuedBeforeAKmsRestartResolvesAfterItAndARequestSeenBeforeIsStillRefused(@TempDir Path dir)
            throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        KmsCredentials mrfc = credentials(f, "mrfc", ImsLabFiles.MRFC);
        PendingTicketRequest pending = PendingTicketRequest.start(mrfc, new TicketTerms(ImsLabFiles.MRFC,
                List.of(ImsLabFiles.ALICE), Optional.of(ImsLabFiles.KMS), Clock.systemUTC().instant(),
                Clock.systemUTC().instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false)),
                Clock.systemUTC(), MikeyReplayCache.DEFAULT_SKEW, new SecureRandom());
        Path request = dir.resolve("request-init.bin");
        Files.write(request, pending.requestInit());

        IssuedTicket ticket;
        try (LabProcess kms = startKms(f, dir)) {
            Curl first = curl(f, "mrfc", request);
            assertThat(first.status).isEqualTo(200);
            ticket = pending.complete(first.body);
            assertThat(scrape(f.kmsAdmin)).contains("keygate_ims_kms_tickets_issued_total 1.0");
            assertStoppedGracefully(kms);
        }
        try (LabProcess kms = startKms(f, dir)) {
            // RFC 3830 5.4: the REQUEST_INIT answered before the restart is a replay after it
            Curl again = curl(f, "mrfc", request);
            assertThat(again.status).isEqualTo(400);
            MikeyMessage error = MikeyCodec.decode(again.body);
            assertThat(error.first(ErrorPayload.class).orElseThrow().known()).isEqualTo(ErrorNo.INVALID_TS);
            // the ticket (under the TPK of kms.yaml) resolves for its responder
            KmsCredentials alice = credentials(f, "alice", ImsLabFiles.ALICE);
            try (KmsClient client = KmsClient.connect(new InetSocketAddress("127.0.0.1", f.kmsPort),
                    ImsLabFiles.KMS_HOST, KmsTls.context(TlsKeyMaterial.load(dir.resolve("alice/sepp.crt"),
                            dir.resolve("alice/sepp.key")), PemFiles.readCertificates(dir.resolve("alice/ca.crt"))),
                    Duration.ofSeconds(10), Clock.systemUTC(), MikeyReplayCache.DEFAULT_SKEW, new SecureRandom())) {
                TransferKeys keys = client.resolveTicket(alice, ticket.ticket()).get(30, TimeUnit.SECONDS);
                assertThat(keys.tgk().equalsSecret(ticket.keys().tgk())).isTrue();
            }
            String metrics = scrape(f.kmsAdmin);
            // The KMS's own certificate and its anchor, watched for expiry as a SEPP's (issue 18): the lab PKI's
            // certificates are valid for days, so each gauge is positive.
            assertThat(metrics).containsPattern(
                    "keygate_tls_certificate_expiry_seconds\\{name=\"kms\",role=\"own\"} [1-9][0-9.E]*")
                    .containsPattern("keygate_tls_certificate_expiry_seconds\\{name=\"trustAnchors\\[0]\",role="
                            + "\"anchor\"} [1-9][0-9.E]*");
            assertThat(metrics).contains("keygate_ims_kms_tickets_resolved_total 1.0")
                    .containsPattern("keygate_ims_kms_refused_total\\{error=\"INVALID_TS\",exchange=\"ticket request\"} 1.0");
            assertStoppedGracefully(kms);
            // the draining stop's line (issue 18): nothing was in progress, so every request was answered
            assertThat(Files.readString(kms.log())).contains("KMS " + ImsLabFiles.KMS
                    + ": stopping: 0 request(s) in progress at the stop, every one answered");
        }
    }

    /** SIGTERM: the JVM exits 143 (128 + 15) after the shutdown hook closed the daemon. */
    static void assertStoppedGracefully(LabProcess node) throws Exception {
        assertThat(node.stop()).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(Files.readString(node.log())).contains(ImsDaemon.STOPPED);
    }

    private static LabProcess startKms(ImsLabFiles f, Path dir) throws Exception {
        LabProcess kms = KeygateProcess.start("kms", dir, "ims", "kms", "--config", f.kmsYaml().toString());
        kms.awaitLog("keygate ims kms: ", WAIT);
        return kms;
    }

    static KmsCredentials credentials(ImsLabFiles f, String node, String identity) throws Exception {
        return f.credentials(node, identity);
    }

    static String scrape(int adminPort) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                    + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    record Curl(int status, byte[] body) {}

    /** curl (OpenSSL, nghttp2) as a KMS user with its certificate: an HTTP and TLS stack keygate did not write. */
    private static Curl curl(ImsLabFiles f, String node, Path body) throws Exception {
        Path out = f.dir.resolve("curl-" + System.nanoTime() + ".bin");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30",
                "--cacert", f.dir.resolve(node + "/ca.crt").toString(),
                "--cert", f.dir.resolve(node + "/sepp.crt").toString(),
                "--key", f.dir.resolve(node + "/sepp.key").toString(),
                "--resolve", ImsLabFiles.KMS_HOST + ":" + f.kmsPort + ":127.0.0.1",
                "-H", "content-type: application/mikey", "--data-binary", "@" + body,
                "-o", out.toString(), "-w", "%{http_code}",
                "https://" + ImsLabFiles.KMS_HOST + ":" + f.kmsPort + "/mikey-ticket/v1/ticket-request"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String status = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status).as("curl output").matches("\\d{3}");
        return new Curl(Integer.parseInt(status), Files.readAllBytes(out));
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cmd = KeygateCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
