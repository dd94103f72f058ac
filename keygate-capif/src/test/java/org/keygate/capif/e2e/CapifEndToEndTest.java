package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.http.BcHttpClient;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.TlsVersion;

/**
 * CAPIF end to end on loopback: onboarding, discovery, PSK selection on a CAPIF-1e TLS 1.2 session, AEFPSK agreed
 * three ways, CAPIF-2e calls with TLS-PSK (keygate's client, OpenSSL, GnuTLS) and PKI, and the refusals: revoked,
 * stale PSK after rotation, foreign certificate, wrong key, unknown identity.
 */
class CapifEndToEndTest {
    static CapifLab lab;
    static NotificationSink sink;
    static AefInterfaceId iface;

    @BeforeAll
    static void start() throws Exception {
        sink = new NotificationSink();
        lab = new CapifLab();
        iface = lab.aef.interfaceDescription().aefInterfaceId();
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(lab.conformance.checked()).isPositive();
            assertThat(lab.conformance.violations()).isEmpty();
        } finally {
            lab.close();
            sink.close();
        }
    }

    static List<SecurityInformation> pskFirst() {
        return List.of(new SecurityInformation(lab.aef.interfaceDescription(), null, null,
                List.of(SecurityMethod.PSK, SecurityMethod.PKI), null, null, null));
    }

    /** What the CCF gives the AEF over CAPIF-3 (the AEF's own certificate, as the AEF would ask). */
    static ServiceSecurity asTheAef(String invokerId) throws Exception {
        try (CcfSession s = CcfSession.open(lab.endpoint, lab.domain.aef().tls(), false)) {
            return s.expect("aef", "GET", "/capif-security/v1/trustedInvokers/" + invokerId
                    + "?authenticationInfo=true&authorizationInfo=true", null, 200, ServiceSecurity.class);
        }
    }

    @Test
    void aefPskAgreesBetweenInvokerCcfAndAPlainHmacOverTheTlsSession() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            AtomicReference<byte[]> master = new AtomicReference<>();
            AtomicReference<BcTlsSession> capif1e = new AtomicReference<>();
            inv.observeCapif1eSessions(s -> {
                master.set(s.masterSecret().orElseThrow().toByteArray(InsecureSecretAccess.get()));
                capif1e.set(s);
            });
            assertThat(inv.discover("api-name=nef-demo").serviceAPIDescriptions()).extracting(d -> d.apiId())
                    .containsExactly(lab.apiId);
            ServiceSecurity sel = inv.requestSecurity(pskFirst());
            assertThat(sel.securityInfo().getFirst().selSecurityMethod()).isEqualTo(SecurityMethod.PSK);
            assertThat(capif1e.get().version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(capif1e.get().extendedMasterSecret()).isTrue();
            assertThat(capif1e.get().sessionId()).hasSize(32);
            // Lazy (TS 33.122 5.2.2.1 step 2): the CCF holds the CAPIF-1e secret until the AEF asks, then not.
            assertThat(lab.ccf.holdsMasterSecret(inv.id())).isTrue();
            byte[] ccfKey = Base64.getDecoder().decode(asTheAef(inv.id()).securityInfo().getFirst().authenticationInfo());
            assertThat(lab.ccf.holdsMasterSecret(inv.id())).isFalse();

            byte[] p0 = ("127.0.0.1:" + iface.port() + "/nef-demo").getBytes(StandardCharsets.UTF_8);
            byte[] p1 = capif1e.get().sessionId();
            ByteBuffer s = ByteBuffer.allocate(1 + p0.length + 2 + p1.length + 2);
            s.put((byte) 0x7A).put(p0).putShort((short) p0.length).put(p1).putShort((short) p1.length);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.get(), "HmacSHA256"));
            byte[] independent = mac.doFinal(s.array());

            byte[] invokerKey = inv.aefPsk(iface).orElseThrow().toByteArray(InsecureSecretAccess.get());
            assertThat(invokerKey).hasSize(32).isEqualTo(ccfKey).isEqualTo(independent);
        }
    }

    @Test
    void pskCallsSucceedOverTls12AndTls13() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(pskFirst());
            for (TlsVersion v : List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3)) {
                SbiResponse r = inv.callWithPsk(iface, "/hello", v);
                assertThat(r.status()).as(v.name()).isEqualTo(200);
                @SuppressWarnings("unchecked") Map<String, Object> body = SbiJson.read(r.body(), Map.class);
                assertThat(body).containsEntry("hello", inv.id()).containsEntry("securityMethod", "PSK")
                        .containsEntry("apiId", lab.apiId);
            }
        }
    }

    /** TS 29.222 5.8: the AEF logs its own CAPIF-2e invocations at the CCF; its domain's AMF audits them (5.9). */
    @Test
    void theAefLogsPskInvocationsAndTheAmfAuditsThem() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(pskFirst());
            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status()).isEqualTo(200);
            assertThat(inv.callWithPsk(iface, "/nothing", TlsVersion.TLS_1_3).status()).isEqualTo(404);
            lab.aef.flushInvocationLogs().get(10, TimeUnit.SECONDS);
            try (CcfSession s = CcfSession.open(lab.endpoint, lab.domain.amf().tls(), false)) {
                var found = s.expect("audit", "GET", "/logs/v1/apiInvocationLogs?api-invoker-id=" + inv.id(), null,
                        200, org.keygate.capif.model.InvocationLog.class);
                assertThat(found.aefId()).isEqualTo(lab.domain.aef().id());
                assertThat(found.logs()).extracting(l -> l.resourceName() + " " + l.result() + " " + l.operation())
                        .containsExactly("hello 200 GET", "nothing 404 GET");
                var first = found.logs().getFirst();
                assertThat(first.apiId()).isEqualTo(lab.apiId);
                assertThat(first.apiName()).isEqualTo("nef-demo");
                assertThat(first.uri()).isEqualTo("https://127.0.0.1:" + iface.port() + "/nef-demo/hello");
                assertThat(first.srcInterface().ipv4Addr()).isEqualTo("127.0.0.1");
                assertThat(first.srcInterface().securityMethods()).containsExactly(SecurityMethod.PSK);
                assertThat(first.destInterface().port()).isEqualTo(iface.port());
            }
        }
    }

    @Test
    void pkiInvokerIsServedWithItsCcfCertificate() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(List.of(new SecurityInformation(lab.aef.interfaceDescription(), null, null,
                    List.of(SecurityMethod.PKI), null, null, null)));
            SbiResponse r = inv.callWithCertificate(iface, "localhost", "/hello");
            assertThat(r.status()).isEqualTo(200);
            assertThat(SbiJson.read(r.body(), Map.class).get("securityMethod")).isEqualTo("PKI");
            // Its certificate does not make it a PSK invoker: no AEFPSK exists for it.
            assertThatThrownBy(() -> inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2))
                    .isInstanceOf(CapifCallException.class).hasMessageContaining("no AEFPSK");
        }
    }

    @Test
    void aRevokedInvokerIsRefusedAndNotified() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(pskFirst());
            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status()).isEqualTo(200);
            lab.aef.revoke(inv.id(), SecurityNotification.UNEXPECTED_REASON);
            SecurityNotification n = SbiJson.read(sink.next().body(), SecurityNotification.class);
            assertThat(n.apiInvokerId()).isEqualTo(inv.id());
            assertThat(n.apiIds()).containsExactly(lab.apiId);
            // TS 33.122: no AEFPSK for it any more: the handshake ends with unknown_psk_identity (RFC 4279 2).
            assertThatThrownBy(() -> inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2))
                    .isInstanceOf(CapifCallException.class).hasMessageContaining("unknown_psk_identity");
        }
    }

    /** TS 29.222 5.6.2.5.2: the AEF's DELETE revokes every API of the invoker; the CCF notifies it. */
    @Test
    void anAefRevokesAllOfAnInvokersAuthorizations() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(pskFirst());
            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status()).isEqualTo(200);
            lab.aef.revokeAll(inv.id());
            SecurityNotification n = SbiJson.read(sink.next().body(), SecurityNotification.class);
            assertThat(n).isEqualTo(new SecurityNotification(inv.id(), lab.aef.aefId(), List.of(lab.apiId),
                    SecurityNotification.UNEXPECTED_REASON));
            assertThatThrownBy(() -> inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2))
                    .isInstanceOf(CapifCallException.class).hasMessageContaining("unknown_psk_identity");
        }
    }

    @Test
    void aPskFromAnEarlierCapif1eSessionIsRefusedAfterRotation() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(pskFirst());
            SecretBytes old = SecretBytes.copyOf(inv.aefPsk(iface).orElseThrow().toByteArray(InsecureSecretAccess.get()));
            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status()).isEqualTo(200);
            inv.requestSecurity(pskFirst()); // a new CAPIF-1e session: the CCF rotates AEFPSK
            assertThat(inv.aefPsk(iface).orElseThrow().equalsSecret(old)).isFalse();
            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status()).isEqualTo(200);
            try (BcHttpClient c = new BcHttpClient(Duration.ofSeconds(5))) {
                var stale = c.connect(lab.aef.capif2eAddress(), BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                        .psk(new ExternalPsk(inv.id(), old)).build());
                // TLS 1.2 PSK: the AEF cannot decrypt a Finished made with another key (RFC 5246 7.2.2).
                assertThatThrownBy(() -> stale.get(20, TimeUnit.SECONDS)).hasMessageContaining("bad_record_mac");
            }
        }
    }

    @Test
    void aCertificateNotFromTheCcfIsRefusedAtTheAef() throws Exception {
        var other = org.keygate.capif.ca.CcfCertificateAuthority.create("other", Duration.ofDays(1),
                java.time.Clock.systemUTC());
        CsrRequester key = CsrRequester.create("impostor");
        var cert = other.issueClient(key.csrPem(), "INVimpostor", List.of());
        try (BcHttpClient c = new BcHttpClient(Duration.ofSeconds(5))) {
            // TLS 1.2, so the refusal comes within the handshake (in TLS 1.3 the client finishes first).
            var f = c.connect(lab.aef.capif2eAddress(), BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                    .trustAnchors(List.of(lab.ca.certificate())).serverName("localhost")
                    .keyMaterial(new org.keygate.tls.jsse.TlsKeyMaterial(key.keyPair().getPrivate(),
                            List.of(cert, other.certificate()))).build());
            assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).hasMessageContaining("received fatal alert")
                    .hasMessageContaining("certificate");
        }
    }

    @Test
    void wrongKeyAndUnknownIdentityAreRefusedByTheHandshake() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e");
                BcHttpClient c = new BcHttpClient(Duration.ofSeconds(5))) {
            inv.requestSecurity(pskFirst());
            SecretBytes wrong = SecretBytes.copyOf(new byte[32]);
            var f = c.connect(lab.aef.capif2eAddress(), BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                    .psk(new ExternalPsk(inv.id(), wrong)).build());
            assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).hasMessageContaining("bad_record_mac");
            var g = c.connect(lab.aef.capif2eAddress(), BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                    .psk(new ExternalPsk("INV" + "0".repeat(32), wrong)).build());
            assertThatThrownBy(() -> g.get(20, TimeUnit.SECONDS)).hasMessageContaining("unknown_psk_identity");
        }
    }

    @Test
    void keysNeverReachTheLogs() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        root.addAppender(logs);
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "e2e")) {
            inv.requestSecurity(pskFirst());
            SecretBytes k = inv.aefPsk(iface).orElseThrow();
            assertThat(inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2).status()).isEqualTo(200);
            lab.aef.revoke(inv.id(), SecurityNotification.UNEXPECTED_REASON);
            assertThatThrownBy(() -> inv.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2))
                    .isInstanceOf(CapifCallException.class);
            String hexKey = hex(k);
            String b64 = Base64.getEncoder().encodeToString(k.toByteArray(InsecureSecretAccess.get()));
            // Other threads (the AEF's invocation-log batches, the CCF) still log: read a copy taken under the
            // appender's own lock (AppenderBase.doAppend holds it while adding).
            List<ch.qos.logback.classic.spi.ILoggingEvent> seen;
            synchronized (logs) {
                seen = new java.util.ArrayList<>(logs.list);
            }
            assertThat(seen).isNotEmpty();
            for (var e : seen) {
                String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : e.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(hexKey.substring(0, 16)).doesNotContain(b64.substring(0, 12));
            }
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
    }

    static String hex(SecretBytes k) {
        return HexFormat.of().formatHex(k.toByteArray(InsecureSecretAccess.get()));
    }
}
