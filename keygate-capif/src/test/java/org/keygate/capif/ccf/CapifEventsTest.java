package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.capif.CapifOpenApi;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.model.CAPIFEventFilter;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.EventSubscription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.capif.model.TestNotification;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;

/**
 * CAPIF_Events_API (issue 13 item 5) on a real CCF over TLS: subscriptions by a provider function and by an
 * invoker, the notifications the CCF raises delivered to real receivers, every request, answer and callback body
 * checked against the Rel-18 files (TS29222_CAPIF_Events_API.yaml, TS29122_CommonData.yaml).
 */
class CapifEventsTest {
    MvCapifStore store;
    CcfLab lab;
    NotificationSink amfSink;
    NotificationSink invSink;
    String apiId;

    @BeforeEach
    void start() throws Exception {
        amfSink = new NotificationSink();
        invSink = new NotificationSink();
        store = MvCapifStore.inMemory();
        lab = new CcfLab(store, CcfLab.newCa(java.nio.file.Files.createTempDirectory("ca")), Capif1eSecrets.NONE);
        lab.registerProvider();
        apiId = lab.publish(8443, List.of(SecurityMethod.PKI));
    }

    @AfterEach
    void stop() {
        amfSink.close();
        invSink.close();
        lab.close();
        store.close();
    }

    static String subscriptions(String subscriberId) {
        return Api.EVENTS.root + "/" + subscriberId + "/subscriptions";
    }

    static EventNotification event(NotificationSink sink) throws InterruptedException {
        SbiRequest r = sink.next();
        CapifOpenApi.assertValidCallback("EventNotification", r.body());
        return SbiJson.read(r.body(), EventNotification.class);
    }

    @Test
    void aProviderFunctionAndAnInvokerGetTheEventsTheyMaySee() throws Exception {
        Wire amf = lab.as(lab.amf);
        var sub = amf.send(Api.EVENTS, "POST", subscriptions(lab.amfId), new EventSubscription(
                List.of("API_INVOKER_ONBOARDED", "SERVICE_API_UPDATE", "API_INVOKER_AUTHORIZATION_REVOKED"), null,
                null, amfSink.uri(), true, null, "7"));
        assertThat(sub.status()).isEqualTo(201);
        EventSubscription created = sub.as(EventSubscription.class);
        // TS 29.222 8.3.6: 1 Notification_test_event, 2 Notification_websocket and 3 Enhanced_event_report.
        assertThat(created.supportedFeatures()).isEqualTo("7");
        assertThat(created.websockNotifConfig()).as("not asked for").isNull();
        String amfSubId = sub.location().substring(sub.location().lastIndexOf('/') + 1);
        assertThat(sub.location()).isEqualTo("https://localhost:" + lab.port + subscriptions(lab.amfId) + "/"
                + amfSubId);
        SbiRequest test = amfSink.next();
        CapifOpenApi.assertValidCallback("TestNotification", test.body());
        assertThat(SbiJson.read(test.body(), TestNotification.class).subscription()).isEqualTo(sub.location());

        CcfLab.Invoker inv = lab.onboard(invSink.uri());
        EventNotification onboarded = event(amfSink);
        assertThat(onboarded.events()).isEqualTo("API_INVOKER_ONBOARDED");
        assertThat(onboarded.subscriptionId()).isEqualTo(amfSubId);
        assertThat(onboarded.eventDetail().apiInvokerIds()).containsExactly(inv.id());

        // The invoker, without Enhanced_event_report: no eventDetail; its filter keeps only this API.
        Wire w = lab.as(inv.tls());
        var invSub = w.send(Api.EVENTS, "POST", subscriptions(inv.id()), new EventSubscription(
                List.of("SERVICE_API_UPDATE", "API_INVOKER_ONBOARDED"), List.of(new CAPIFEventFilter(List.of(apiId),
                        null, null), new CAPIFEventFilter(null, null, null)), null, invSink.uri(), null, null, "0"));
        assertThat(invSub.status()).isEqualTo(201);
        assertThat(invSub.as(EventSubscription.class).supportedFeatures()).isEqualTo("0");

        CcfLab.Invoker other = lab.onboard(invSink.uri());
        assertThat(event(amfSink).eventDetail().apiInvokerIds()).containsExactly(other.id());
        ServiceAPIDescription d = lab.as(lab.apf).send(Api.PUBLISH, "GET", Api.PUBLISH.root + "/" + lab.apfId
                + "/service-apis/" + apiId, null).as(ServiceAPIDescription.class);
        assertThat(lab.as(lab.apf).send(Api.PUBLISH, "PUT", Api.PUBLISH.root + "/" + lab.apfId + "/service-apis/"
                + apiId, d).status()).isEqualTo(200);
        EventNotification update = event(amfSink);
        assertThat(update.events()).isEqualTo("SERVICE_API_UPDATE");
        assertThat(update.eventDetail().serviceAPIDescriptions()).extracting(ServiceAPIDescription::apiId)
                .containsExactly(apiId);
        // Another invoker's onboarding is not the invoker's to see: the next thing it gets is the update.
        EventNotification invUpdate = event(invSink);
        assertThat(invUpdate.events()).isEqualTo("SERVICE_API_UPDATE");
        assertThat(invUpdate.eventDetail()).isNull();

        // An AEF revokes: the invoker gets its SecurityNotification, the AMF the event.
        w.send(Api.SECURITY, "PUT", Api.SECURITY.root + "/trustedInvokers/" + inv.id(), new ServiceSecurity(List.of(
                new SecurityInformation(null, lab.aefId, apiId, List.of(SecurityMethod.PKI), null, null, null)),
                invSink.uri(), null, null));
        assertThat(lab.as(lab.aef).send(Api.SECURITY, "POST", Api.SECURITY.root + "/trustedInvokers/" + inv.id()
                + "/delete", new SecurityNotification(inv.id(), lab.aefId, List.of(apiId),
                        SecurityNotification.UNEXPECTED_REASON)).status()).isEqualTo(204);
        EventNotification revoked = event(amfSink);
        assertThat(revoked.events()).isEqualTo("API_INVOKER_AUTHORIZATION_REVOKED");
        assertThat(revoked.eventDetail().apiInvokerIds()).containsExactly(inv.id());
        assertThat(revoked.eventDetail().apiIds()).containsExactly(apiId);

        // Unsubscribed: the AMF's next update notification never comes; the invoker's still does.
        assertThat(amf.send(Api.EVENTS, "DELETE", subscriptions(lab.amfId) + "/" + amfSubId, null).status())
                .isEqualTo(204);
        assertThat(amf.send(Api.EVENTS, "DELETE", subscriptions(lab.amfId) + "/" + amfSubId, null).status())
                .isEqualTo(404);
    }

    @Test
    void aSubscriptionIsTheSubscribersOwnAndWellFormed() throws Exception {
        CcfLab.Invoker inv = lab.onboard(invSink.uri());
        Wire w = lab.as(inv.tls());
        var asOther = w.send(Api.EVENTS, "POST", subscriptions(lab.amfId), new EventSubscription(
                List.of("SERVICE_API_AVAILABLE"), null, null, invSink.uri(), null, null, "0"));
        assertThat(asOther.status()).isEqualTo(403);
        assertThat(asOther.cause()).isEqualTo("IDENTITY_MISMATCH");
        var filters = w.send(Api.EVENTS, "POST", subscriptions(inv.id()), new EventSubscription(
                List.of("SERVICE_API_AVAILABLE", "SERVICE_API_UPDATE"), List.of(new CAPIFEventFilter(List.of(apiId),
                        null, null)), null, invSink.uri(), null, null, "4"));
        assertThat(filters.status()).isEqualTo(400);
        assertThat(filters.cause()).isEqualTo("MANDATORY_IE_INCORRECT");
        var ftp = w.send(Api.EVENTS, "POST", subscriptions(inv.id()), new EventSubscription(
                List.of("SERVICE_API_AVAILABLE"), null, null, "ftp://127.0.0.1/x", null, null, "0"));
        assertThat(ftp.status()).isEqualTo(400);
        // A new API published after the subscription: SERVICE_API_AVAILABLE with its apiId (Enhanced_event_report).
        var ok = w.send(Api.EVENTS, "POST", subscriptions(inv.id()), new EventSubscription(
                List.of("SERVICE_API_AVAILABLE"), null, null, invSink.uri(), null, null, "4"));
        assertThat(ok.status()).isEqualTo(201);
        String second = lab.publish(8445, List.of(SecurityMethod.PKI));
        EventNotification available = event(invSink);
        assertThat(available.events()).isEqualTo("SERVICE_API_AVAILABLE");
        assertThat(available.eventDetail().apiIds()).containsExactly(second);

        // Offboarded: its subscriptions go with it.
        assertThat(w.send(Api.INVOKER_MANAGEMENT, "DELETE", Api.INVOKER_MANAGEMENT.root + "/onboardedInvokers/"
                + inv.id(), null).status()).isEqualTo(204);
        assertThat(store.map("eventSubscriptions", StoredSubscription.class).values())
                .noneMatch(x -> x.subscriberId().equals(inv.id()));
    }
}
