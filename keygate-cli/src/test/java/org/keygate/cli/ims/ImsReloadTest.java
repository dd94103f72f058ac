package org.keygate.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.ClosedAfterEach;
import org.keygate.cli.KeygateProcess;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.PendingTransfer;
import org.keygate.ims.mikey.ticket.TransferInitiator;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.sbi.lab.LabProcess;

/**
 * Reload of the IMS daemons' files (issue 18 item 2, docs/IMS.md "Reload"), the daemons as processes from
 * {@link ImsLabFiles}' files: SIGHUP and {@code keygate ims kms|mrfc reload}. An invalid file is refused naming the
 * member and the running configuration keeps serving; a member only a restart changes is refused saying so; a valid
 * file applies (the KMS's users, the MRFC's KMS key) from the next request on.
 */
class ImsReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    final ClosedAfterEach closed = new ClosedAfterEach();

    @Test
    void theKmsReloadsItsUsersAndRefusesAnInvalidFileAndARestartOnlyChange(@TempDir Path dir) throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        String good = Files.readString(f.kmsYaml());
        LabProcess kms = closed.keep(KeygateProcess.start("kms", dir, "ims", "kms", "--config",
                f.kmsYaml().toString()));
        kms.awaitLog("keygate ims kms: ", WAIT);
        KmsClient bob = client(f, "bob");
        KmsClient alice = client(f, "alice");
        assertThat(ticket(f, bob, "bob", ImsLabFiles.BOB).ticket()).as("Bob before any reload").isNotNull();

        // SIGHUP with an invalid file: refused naming the member, Bob is still served
        Files.writeString(f.kmsYaml(), good.replace("pskFile: bob/kms.psk", "pskFile: bob/missing.psk"));
        hangUp(kms);
        kms.awaitLog("configuration reload refused", WAIT);
        assertThat(Files.readString(kms.log())).contains("configuration reload refused, the running configuration"
                + " stays: " + f.kmsYaml() + ": users[2].pskFile: cannot read");
        assertThat(ticket(f, bob, "bob", ImsLabFiles.BOB).ticket()).as("Bob after the refused reload").isNotNull();

        // a member only a restart changes: refused, exit 1, the member and both values named
        Files.writeString(f.kmsYaml(), good.replace("bind: 127.0.0.1:" + f.kmsPort, "bind: 127.0.0.1:1"));
        ImsDaemonsTest.Result restartOnly = ImsDaemonsTest.run("ims", "kms", "reload", "--config",
                f.kmsYaml().toString());
        assertThat(restartOnly.code()).as(restartOnly.err()).isEqualTo(1);
        assertThat(restartOnly.err()).contains("bind: 127.0.0.1").contains("(running: ")
                .contains("restart the KMS to apply it");

        // a valid file without Bob: applied; Bob is no user any more, Alice still is
        Files.writeString(f.kmsYaml(), good.lines().filter(l -> !l.contains("psk-bob"))
                .reduce("", (a, l) -> a + l + "\n"));
        ImsDaemonsTest.Result applied = ImsDaemonsTest.run("ims", "kms", "reload", "--config", f.kmsYaml().toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("reloaded").contains("removed [" + ImsLabFiles.BOB + "]");
        assertThatThrownBy(() -> ticket(f, bob, "bob", ImsLabFiles.BOB)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MikeyException.class)
                .satisfies(e -> assertThat(((MikeyException) e).errorNo()).isEqualTo(ErrorNo.INVALID_ID));
        assertThat(ticket(f, alice, "alice", ImsLabFiles.ALICE).ticket()).as("Alice after the reload").isNotNull();

        assertThat(ImsDaemonsTest.scrape(f.kmsAdmin))
                .contains("keygate_ims_config_reloads_total{outcome=\"applied\"} 1.0")
                .contains("keygate_ims_config_reloads_total{outcome=\"refused\"} 2.0");
        ImsDaemonsTest.assertStoppedGracefully(kms);
    }

    @Test
    void theMrfcTakesANewKmsKeyOnReloadAndRefusesAnInvalidFile(@TempDir Path dir) throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        String goodKms = Files.readString(f.kmsYaml());
        String goodMrfc = Files.readString(f.mrfcYaml());
        LabProcess kms = closed.keep(KeygateProcess.start("kms", dir, "ims", "kms", "--config",
                f.kmsYaml().toString()));
        LabProcess mrfp = closed.keep(KeygateProcess.start("mrfp", dir, "ims", "mrfp", "--config",
                f.mrfpYaml().toString()));
        kms.awaitLog("keygate ims kms: ", WAIT);
        mrfp.awaitLog("keygate ims mrfp: ", WAIT);
        LabProcess mrfc = closed.keep(KeygateProcess.start("mrfc", dir, "ims", "mrfc", "--config",
                f.mrfcYaml().toString()));
        mrfc.awaitLog("keygate ims mrfc: ", WAIT);
        awaitHealthy(f);

        // SIGHUP with an invalid file: refused naming the member
        Files.writeString(f.mrfcYaml(), goodMrfc.replace("pskFile: mrfc/kms.psk", "pskFile: mrfc/missing.psk"));
        hangUp(mrfc);
        mrfc.awaitLog("configuration reload refused", WAIT);
        assertThat(Files.readString(mrfc.log())).contains(f.mrfcYaml() + ": kms.pskFile: cannot read");

        // a member only a restart changes
        Files.writeString(f.mrfcYaml(), goodMrfc.replace("port: " + f.mrfcSip + ",", "port: 1,"));
        ImsDaemonsTest.Result restartOnly = ImsDaemonsTest.run("ims", "mrfc", "reload", "--config",
                f.mrfcYaml().toString());
        assertThat(restartOnly.code()).as(restartOnly.err()).isEqualTo(1);
        assertThat(restartOnly.err()).contains("sip.port: 1 (running: " + f.mrfcSip + ")")
                .contains("restart the MRFC to apply it");

        // a new KMS key for the MRFC, in both files, reloaded in both daemons: the next call resolves its ticket with
        // it (with the old key the KMS would refuse the MRFC's resolve, and the INVITE would get 488)
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(dir.resolve("mrfc/kms2.psk"), HexFormat.of().formatHex(key));
        Files.writeString(f.kmsYaml(), goodKms.replace("pskFile: mrfc/kms.psk", "pskFile: mrfc/kms2.psk"));
        Files.writeString(f.mrfcYaml(), goodMrfc.replace("pskFile: mrfc/kms.psk", "pskFile: mrfc/kms2.psk"));
        ImsDaemonsTest.Result kmsReload = ImsDaemonsTest.run("ims", "kms", "reload", "--config", f.kmsYaml().toString());
        assertThat(kmsReload.code()).as(kmsReload.err()).isZero();
        ImsDaemonsTest.Result mrfcReload = ImsDaemonsTest.run("ims", "mrfc", "reload", "--config",
                f.mrfcYaml().toString());
        assertThat(mrfcReload.code()).as(mrfcReload.err()).isZero();
        assertThat(mrfcReload.out()).contains("reloaded");

        // Alice's INVITE: the MRFC resolves her ticket at the KMS with its key, and answers with a TRANSFER_RESP
        PendingTransfer transfer = TransferInitiator.start(ticket(f, client(f, "alice"), "alice", ImsLabFiles.ALICE),
                ImsLabFiles.ALICE, ImsLabFiles.MRFC, Clock.systemUTC(), MikeyReplayCache.DEFAULT_SKEW,
                new SecureRandom());
        UeSipClient alice = closed.keep(new UeSipClient(ImsLabFiles.ALICE, "127.0.0.1", freeUdpPort()).start());
        SecureMediaSdp offer = new SecureMediaSdp("alice", 1, 1, "127.0.0.1", Optional.of(transfer.transferInit()),
                List.of(TcpMedia.msrp("127.0.0.1", 9, Setup.ACTIVE, "msrps://127.0.0.1:9/alice1;tcp",
                        List.of("text/plain")), TcpMedia.bfcp("127.0.0.1", 9, Setup.ACTIVE, "c-only", 0, 0,
                        List.of())));
        javax.sip.message.Response ok = alice.invite(ImsLabFiles.MRFC, "127.0.0.1:" + f.mrfcSip,
                SdpCodec.write(offer));
        assertThat(ok.getStatusCode()).as("the INVITE after the key change; MRFC log:%n%s", mrfc.tail())
                .isEqualTo(200);
        assertThat(transfer.complete(SdpCodec.parse(ok.getRawContent()).mikey().orElseThrow()).peerIdentity())
                .isEqualTo(ImsLabFiles.MRFC);
        assertThat(alice.bye()).isEqualTo(200);
        assertThat(ImsDaemonsTest.scrape(f.mrfcAdmin)).contains("keygate_ims_mrfc_invites_total{status=\"200\"} 1.0")
                .contains("keygate_ims_config_reloads_total{outcome=\"applied\"} 1.0")
                .contains("keygate_ims_config_reloads_total{outcome=\"refused\"} 2.0");

        ImsDaemonsTest.assertStoppedGracefully(mrfc);
        ImsDaemonsTest.assertStoppedGracefully(mrfp);
        ImsDaemonsTest.assertStoppedGracefully(kms);
    }

    private static IssuedTicket ticket(ImsLabFiles f, KmsClient client, String node, String identity)
            throws Exception {
        Clock clock = Clock.systemUTC();
        return client.requestTicket(f.credentials(node, identity), new TicketTerms(identity,
                List.of(ImsLabFiles.MRFC), Optional.of(ImsLabFiles.KMS), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false)))
                .get(30, TimeUnit.SECONDS);
    }

    private KmsClient client(ImsLabFiles f, String node) throws Exception {
        return closed.keep(KmsClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.kmsPort),
                ImsLabFiles.KMS_HOST, f.kmsTls(node), Duration.ofSeconds(30), Clock.systemUTC(),
                MikeyReplayCache.DEFAULT_SKEW, new SecureRandom()));
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGHUP, as an operator's {@code kill -HUP}. */
    private static void hangUp(LabProcess p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** The MRFC's /healthz says the KMS and the MRFP are reachable (bounded). */
    private static void awaitHealthy(ImsLabFiles f) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 150; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + f.mrfcAdmin + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the MRFC's /healthz did not become UP");
    }

}
