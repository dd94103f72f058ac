package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.CapifOpenApi;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.Http11Receiver;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.capif.notify.NotificationDelivery;
import org.keygate.capif.notify.RetryPolicy;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.sbi.json.SbiJson;

/**
 * The CCF's notifications (TS 29.222 7.6) to receivers on loopback: an HTTP/1.1-only one (the JDK's HTTP server),
 * an h2c one (keygate's server), one that fails first, one that refuses, one that is not there; the retries and
 * the counts; the test notification.
 */
class NotificationDeliveryTest {
    /** Short waits so the retries happen within the test; the schedule itself is RetryPolicy's. */
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(80));

    @TempDir
    Path dir;
    MvCapifStore store;
    CcfLab lab;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    String apiId;

    @BeforeEach
    void start() throws Exception {
        store = MvCapifStore.inMemory();
        lab = new CcfLab(store, CcfLab.newCa(dir), Capif1eSecrets.NONE,
                b -> b.meterRegistry(meters).notificationRetry(FAST));
        lab.registerProvider();
        apiId = lab.publish(8443, List.of(SecurityMethod.PKI));
    }

    @AfterEach
    void stop() {
        lab.close();
        store.close();
    }

    private String trusted(String invokerId) {
        return Api.SECURITY.root + "/trustedInvokers/" + invokerId;
    }

    private Wire.Answer requestSecurity(CcfLab.Invoker inv, String destination, Boolean test, String features)
            throws Exception {
        Wire.Answer a = lab.as(inv.tls()).send(Api.SECURITY, "PUT", trusted(inv.id()), new ServiceSecurity(List.of(
                new SecurityInformation(null, lab.aefId, apiId, List.of(SecurityMethod.PKI), null, null, null)),
                destination, test, features));
        assertThat(a.status()).isEqualTo(201);
        return a;
    }

    private void revokeByTheAef(CcfLab.Invoker inv) throws Exception {
        var revoke = new SecurityNotification(inv.id(), lab.aefId, List.of(apiId), SecurityNotification.OVERLIMIT_USAGE);
        assertThat(lab.as(lab.aef).send(Api.SECURITY, "POST", trusted(inv.id()) + "/delete", revoke).status())
                .isEqualTo(204);
    }

    private double count(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** Bounded wait for a delivery's final outcome (the CCF answers before it delivers). */
    private void awaitCount(double expected, String name, String... tags) throws InterruptedException {
        for (int i = 0; i < 200 && count(name, tags) < expected; i++) {
            Thread.sleep(50);
        }
        assertThat(count(name, tags)).as("%s %s", name, List.of(tags)).isEqualTo(expected);
    }

    /** The callback schema is SecurityNotification, also RevokeAuthorizationReq.revokeInfo: check it there. */
    private static void assertValidSecurityNotification(byte[] body) {
        byte[] wrapped = ("{\"revokeInfo\":" + new String(body, StandardCharsets.UTF_8) + ",\"supportedFeatures\":\"0\"}")
                .getBytes(StandardCharsets.UTF_8);
        CapifOpenApi.assertValidRequest(Api.AEF_SECURITY, "POST", Api.AEF_SECURITY.root + "/revoke-authorization",
                "application/json", wrapped);
    }

    @Test
    void anHttp11ReceiverGetsTheNotificationAfterItFailedOnce() throws Exception {
        try (Http11Receiver receiver = new Http11Receiver(503)) {
            CcfLab.Invoker inv = lab.onboard(receiver.uri());
            requestSecurity(inv, receiver.uri(), null, null);
            revokeByTheAef(inv);

            Http11Receiver.Received first = receiver.next();
            assertThat(first.answered()).isEqualTo(503);
            Http11Receiver.Received second = receiver.next();
            assertThat(second.protocol()).isEqualTo("HTTP/1.1");
            assertThat(second.method()).isEqualTo("POST");
            assertThat(second.path()).isEqualTo("/callback");
            assertThat(second.contentType()).isEqualTo("application/json");
            assertThat(SbiJson.read(second.body(), SecurityNotification.class)).isEqualTo(new SecurityNotification(
                    inv.id(), lab.aefId, List.of(apiId), SecurityNotification.OVERLIMIT_USAGE));
            assertThat(second.body()).isEqualTo(first.body());
            assertValidSecurityNotification(second.body());

            awaitCount(1, NotificationDelivery.NOTIFICATIONS, "kind", "SecurityNotification", "outcome", "delivered");
            assertThat(count(NotificationDelivery.ATTEMPTS, "kind", "SecurityNotification", "result", "5xx")).isEqualTo(1);
            assertThat(count(NotificationDelivery.ATTEMPTS, "kind", "SecurityNotification", "result", "2xx")).isEqualTo(1);
        }
    }

    @Test
    void anHttp2ReceiverIsSpokenToInHttp2() throws Exception {
        try (NotificationSink sink = new NotificationSink()) {
            CcfLab.Invoker inv = lab.onboard(sink.uri());
            requestSecurity(inv, sink.uri(), null, null);
            revokeByTheAef(inv);
            assertValidSecurityNotification(sink.next().body());
            // RFC 7540 3.2 upgrade from HTTP/1.1 (TS 29.222 7.3), accepted by this receiver.
            assertThat(sink.nextProtocol()).isEqualTo("h2c");
        }
    }

    @Test
    void aRefusalIsFinalAndAnUnreachableReceiverIsRetriedThenCounted() throws Exception {
        try (Http11Receiver refusing = new Http11Receiver(404, 404, 404)) {
            CcfLab.Invoker inv = lab.onboard(refusing.uri());
            requestSecurity(inv, refusing.uri(), null, null);
            revokeByTheAef(inv);
            assertThat(refusing.next().answered()).isEqualTo(404);
            awaitCount(1, NotificationDelivery.NOTIFICATIONS, "kind", "SecurityNotification", "outcome", "failed");
            assertThat(count(NotificationDelivery.ATTEMPTS, "kind", "SecurityNotification", "result", "4xx"))
                    .as("a 404 is not retried").isEqualTo(1);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort + "/callback";
        CcfLab.Invoker inv = lab.onboard(nowhere);
        requestSecurity(inv, nowhere, null, null);
        revokeByTheAef(inv);
        awaitCount(2, NotificationDelivery.NOTIFICATIONS, "kind", "SecurityNotification", "outcome", "failed");
        assertThat(count(NotificationDelivery.ATTEMPTS, "kind", "SecurityNotification", "result", "error"))
                .isEqualTo(FAST.maxAttempts());
    }

    @Test
    void theTestNotificationIsSentWhenAskedAndItsFeatureNegotiated() throws Exception {
        try (Http11Receiver receiver = new Http11Receiver()) {
            CcfLab.Invoker inv = lab.onboard(receiver.uri());
            // Features 1 (Notification_test_event), 2 (Notification_websocket), 3 (SecurityInfoPerAPI) asked.
            Wire.Answer a = requestSecurity(inv, receiver.uri(), true, "7");
            assertThat(a.as(ServiceSecurity.class).supportedFeatures()).isEqualTo("1");
            assertThat(a.location()).isEqualTo("https://localhost:" + lab.port + trusted(inv.id()));

            Http11Receiver.Received test = receiver.next();
            // TS 29.122 TestNotification: {subscription: Link}, the resource the destination belongs to.
            assertThat(new ObjectMapper().readValue(test.body(), Map.class))
                    .isEqualTo(Map.of("subscription", a.location()));
            awaitCount(1, NotificationDelivery.NOTIFICATIONS, "kind", "TestNotification", "channel", "http", "outcome",
                    "delivered");

            CcfLab.Invoker quiet = lab.onboard(receiver.uri());
            Wire.Answer b = requestSecurity(quiet, receiver.uri(), null, null);
            assertThat(b.as(ServiceSecurity.class).supportedFeatures()).isNull();
            revokeByTheAef(quiet);
            assertThat(SbiJson.read(receiver.next().body(), SecurityNotification.class).apiInvokerId())
                    .as("no test notification came before the revocation's").isEqualTo(quiet.id());
        }
    }
}
