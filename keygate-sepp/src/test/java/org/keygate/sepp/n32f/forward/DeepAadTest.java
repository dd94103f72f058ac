package org.keygate.sepp.n32f.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.nonce.ReplayWindow;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.jwe.N32fJweDecrypter;
import org.keygate.n32.n32f.jwe.N32fJweEncrypter;
import org.keygate.n32.n32f.jwe.VerifiedN32fJwe;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * Issue 12 item 7: a JWE, valid under the established context's keys, whose aad holds 20,000 nested arrays. The home
 * SEPP cannot read that aad (SbiJson's nesting limit), so it cannot be the context that is missing: the refusal is
 * 403 MESSAGE_RECONSTRUCTION_FAILED, not CONTEXT_NOT_FOUND (which tells the partner to drop a context that exists),
 * and the context keeps working.
 */
class DeepAadTest {
    private static final int DEPTH = 20_000;

    @TempDir
    Path dir;

    @Test
    void aValidJweWithAnUnreadablyDeepAadIsAReconstructionFailureNotAMissingContext() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        try (SeppNode home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC(),
                        (c, r, id) -> CompletableFuture.completedFuture(new ClearResponse(204, List.of(), null)));
                SeppNode visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC(),
                        (c, r, id) -> CompletableFuture.failedFuture(new IllegalStateException("not used")))) {
            visited.establish("home").get(30, TimeUnit.SECONDS);
            var sending = visited.contexts().current("home").orElseThrow();
            // The visited SEPP initiated: its requests travel under parallel_request_key (TS 33.501 13.2.4.4.1).
            assertThat(sending.role()).isEqualTo(N32Role.INITIATOR);
            N32fSessionKeys keys = home.contexts().current("visited").orElseThrow().sessionKeys().orElseThrow();
            ClearRequest request = new ClearRequest("GET", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                    "/nudm-sdm/v2/x/nssai", null, List.of(Map.entry("3gpp-sbi-originating-network-id",
                            "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org")), null);
            // A genuine message (never sent), opened with the receiver's keys for its blocks...
            N32fReformattedReqMsg genuine = new N32fProtector(sending.prins()).protectRequest(request,
                    EncryptionPlan.none(), "0");
            VerifiedN32fJwe opened = new N32fJweDecrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt(),
                    new ReplayWindow(ReplayWindow.DEFAULT_SIZE)).decrypt(genuine.reformattedData());
            // ...its aad given one more member, 20,000 arrays deep, and encrypted again under the context's keys.
            String aad = new String(opened.aad(), StandardCharsets.UTF_8);
            String deep = "{\"deep\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "," + aad.substring(1);
            FlatJweJson jwe = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt()).encrypt(
                    deep.getBytes(StandardCharsets.UTF_8), opened.plaintext());

            SbiResponse r = post(sepps, home, SbiJson.write(new N32fReformattedReqMsg(jwe, null)));

            assertThat(r.status()).isEqualTo(403);
            ProblemDetails p = SbiJson.read(r.body(), ProblemDetails.class);
            assertThat(p.cause()).isEqualTo("MESSAGE_RECONSTRUCTION_FAILED");
            assertThat(p.detail()).contains("the JWE's aad cannot be read: JSON nested deeper than");
            OpenApiConformance.assertValidN32fProblem(403, new String(r.body(), StandardCharsets.UTF_8));
            // The context is still there and in use.
            assertThat(visited.forwarder().forward(visited.config().peers().getFirst(), request)
                    .get(30, TimeUnit.SECONDS).status()).isEqualTo(204);
        }
    }

    /** As the visited SEPP, on a connection of its own to the home SEPP's N32-f listener. */
    private static SbiResponse post(TestSepps sepps, SeppNode home, byte[] body) throws Exception {
        var files = sepps.files.get("visited");
        MutualTls tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(files.certChain(), files.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                        PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                .protocols(List.of("TLSv1.3")).build();
        try (SbiClient client = SbiClient.builder().tls(tls.sslContext()).build()) {
            SbiClientConnection c = client.connect(home.n32fAddress().orElseThrow(),
                    tls.clientParameters(TestSepps.HOME_PLMN.seppFqdn())).get(30, TimeUnit.SECONDS);
            return c.send(SbiRequest.json("POST", N32fProcessHandler.PROCESS, body), TestSepps.HOME_PLMN.seppFqdn(),
                    "https").get(30, TimeUnit.SECONDS);
        }
    }
}
