package org.keygate.ims.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.ErrorPayload;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.PendingTicketRequest;
import org.keygate.ims.mikey.ticket.TicketLab;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSeppFiles;

/**
 * curl (libcurl with OpenSSL and nghttp2, an HTTP/2 and TLS stack nobody here wrote) as a KMS user: it presents
 * the MRFC's certificate, posts a REQUEST_INIT that keygate built, and the REQUEST_RESP it receives completes into
 * a ticket; a request without a client certificate is refused by TLS.
 */
class KmsCurlInteropTest {
    @TempDir
    Path dir;

    @Test
    void curlFetchesATicketOverHttp2WithMutualTls() throws Exception {
        LabCa ca = LabCa.create("keygate IMS lab CA", Duration.ofDays(1));
        LabCa.Issued kmsCert = ca.issue(List.of("kms.ims.example.org"), List.of(InetAddress.getLoopbackAddress()));
        SSLContext kmsTls = KmsTls.context(new TlsKeyMaterial(kmsCert.keyPair().getPrivate(),
                List.of(kmsCert.certificate())), List.of(ca.certificate()));
        LabSeppFiles mrfcFiles = LabPki.write(dir.resolve("mrfc"), ca, ca.issue(List.of("mrfc.ims.example.org"),
                List.of()));
        TicketLab lab = new TicketLab();
        try (KmsServer server = KmsServer.start(lab.kms, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                kmsTls, KmsTls.serverParameters(kmsTls))) {
            int port = server.localAddress().getPort();
            PendingTicketRequest request = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE),
                    lab.clock, TicketLab.SKEW, lab.random);
            Path body = Files.write(dir.resolve("request.mikey"), request.requestInit());
            Path answer = dir.resolve("answer.mikey");
            List<String> base = List.of("curl", "--silent", "--show-error", "--http2", "--max-time", "30",
                    "--cacert", mrfcFiles.caCert().toString(),
                    "--resolve", "kms.ims.example.org:" + port + ":127.0.0.1",
                    "-H", "content-type: application/mikey", "--data-binary", "@" + body,
                    "-o", answer.toString(), "-w", "%{http_code} %{http_version}");
            String url = "https://kms.ims.example.org:" + port + KmsServer.TICKET_REQUEST_PATH;
            List<String> withCert = new java.util.ArrayList<>(base);
            withCert.addAll(List.of("--cert", mrfcFiles.certChain().toString(), "--key",
                    mrfcFiles.privateKey().toString(), url));
            assertThat(run(withCert).exitCode).isZero();
            assertThat(run(withCert).output).isEqualTo("400 2"); // the same REQUEST_INIT again: a replay
            assertThat(MikeyCodec.decode(Files.readAllBytes(answer)).first(ErrorPayload.class).orElseThrow().known())
                    .isEqualTo(ErrorNo.INVALID_TS);

            PendingTicketRequest fresh = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE),
                    lab.clock, TicketLab.SKEW, lab.random);
            Files.write(body, fresh.requestInit());
            Result ok = run(withCert);
            assertThat(ok.output).isEqualTo("200 2");
            MikeyMessage resp = MikeyCodec.decode(Files.readAllBytes(answer));
            assertThat(resp.dataType()).isEqualTo(DataType.REQUEST_RESP);
            IssuedTicket ticket = fresh.complete(Files.readAllBytes(answer));
            assertThat(ticket.keys().tgk().length()).isEqualTo(32);

            List<String> noCert = new java.util.ArrayList<>(base);
            noCert.add(url);
            assertThat(run(noCert).exitCode).isNotZero();
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("curl is needed for this interop test (Debian: apt-get install curl): " + e.getMessage());
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("curl did not finish within 60 s");
        }
        return new Result(p.exitValue(), out);
    }
}
