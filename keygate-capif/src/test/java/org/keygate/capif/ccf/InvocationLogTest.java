package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.InvocationLog;
import org.keygate.capif.model.InvocationLogs;
import org.keygate.capif.model.Log;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.store.MvCapifStore;

/**
 * CAPIF_Logging_API_Invocation_API and CAPIF_Auditing_API (issue 13 item 5) on a real CCF over TLS: an AEF logs,
 * its domain's AMF audits with the Log Query criteria, and every refusal of the authorization model and the bounds.
 * Every request and answer is checked against the Rel-18 files (Wire).
 */
class InvocationLogTest {
    MvCapifStore store;
    CcfLab lab;
    String apiId;

    void start(long maxStored) throws Exception {
        store = MvCapifStore.inMemory();
        lab = new CcfLab(store, CcfLab.newCa(java.nio.file.Files.createTempDirectory("ca")), Capif1eSecrets.NONE,
                b -> b.maxStoredInvocationLogs(maxStored));
        lab.registerProvider();
        apiId = lab.publish(8443, List.of(SecurityMethod.PSK));
    }

    @BeforeEach
    void start() throws Exception {
        start(CapifCoreFunction.DEFAULT_MAX_STORED_INVOCATION_LOGS);
    }

    @AfterEach
    void stop() {
        lab.close();
        store.close();
    }

    static final InterfaceDescription SRC = new InterfaceDescription("192.0.2.7", null, null, 40000, null,
            List.of(SecurityMethod.PSK));

    Log log(String resource, String result, String time) {
        return new Log(apiId, "nef-demo", "v1", resource, "https://127.0.0.1:8443/nef-demo/" + resource, "HTTP_1_1",
                "GET", result, time, 3L, null, null, SRC, null, null);
    }

    static String logs(String aefId) {
        return Api.LOGGING.root + "/" + aefId + "/logs";
    }

    static String audit(String query) {
        return Api.AUDITING.root + "/apiInvocationLogs" + (query.isEmpty() ? "" : "?" + query);
    }

    Wire.Answer post(SSLContext as, String aefId, InvocationLog body) throws Exception {
        return lab.as(as).send(Api.LOGGING, "POST", logs(aefId), body);
    }

    @Test
    void anAefLogsAndItsDomainsAmfAuditsWithTheQueryCriteria() throws Exception {
        var created = post(lab.aef, lab.aefId, new InvocationLog(lab.aefId, "INVaaaa", List.of(
                log("hello", "200", "2025-03-01T10:00:00Z"), log("hello", "403", "2025-03-01T11:00:00+01:00")), "1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).matches("https://localhost:" + lab.port + "/api-invocation-logs/v1/"
                + lab.aefId + "/logs/LOG[0-9a-f]{32}");
        // TS 29.222 8.7.6 defines no feature: "1" negotiates to none.
        assertThat(created.as(InvocationLog.class).supportedFeatures()).isEqualTo("0");
        assertThat(post(lab.aef, lab.aefId, new InvocationLog(lab.aefId, "INVbbbb", List.of(
                log("hello", "200", "2025-03-02T10:00:00Z")), "0")).status()).isEqualTo(201);

        Wire amf = lab.as(lab.amf);
        // One InvocationLog matches: answered as an InvocationLog (InvocationLogsRetrieveRes oneOf).
        InvocationLog one = amf.send(Api.AUDITING, "GET", audit("api-invoker-id=INVaaaa"), null)
                .as(InvocationLog.class);
        assertThat(one.aefId()).isEqualTo(lab.aefId);
        assertThat(one.logs()).extracting(Log::result).containsExactly("200", "403");
        // Entries within it are filtered too.
        assertThat(amf.send(Api.AUDITING, "GET", audit("api-invoker-id=INVaaaa&result=403"), null)
                .as(InvocationLog.class).logs()).extracting(Log::result).containsExactly("403");
        // 11:00+01:00 is 10:00Z: inside [09:30Z, 10:00Z] (inclusive) as is 10:00Z; INVbbbb's entry is a day later.
        InvocationLog inRange = amf.send(Api.AUDITING, "GET", audit("time-range-start=2025-03-01T09:30:00Z"
                + "&time-range-end=2025-03-01T10:00:00Z&api-id=" + apiId), null).as(InvocationLog.class);
        assertThat(inRange.apiInvokerId()).isEqualTo("INVaaaa");
        assertThat(inRange.logs()).extracting(Log::result).containsExactly("200", "403");
        // protocol and operation are anyOf-typed: the validator reads them as JSON, so this request goes unchecked
        // (docs/CAPIF.md, spec points); its answer is checked.
        InvocationLogs all = amf.sendUnchecked(Api.AUDITING, "GET", audit("aef-id=" + lab.aefId + "&protocol=HTTP_1_1"
                + "&operation=GET&resource-name=hello&api-name=nef-demo&api-version=v1"), null)
                .as(InvocationLogs.class);
        assertThat(all.multipleInvocationLogs()).extracting(InvocationLog::apiInvokerId)
                .containsExactlyInAnyOrder("INVaaaa", "INVbbbb");
        // src-interface is a JSON InterfaceDescription (a content-typed parameter the validator cannot read).
        String src = java.net.URLEncoder.encode(new String(org.keygate.sbi.json.SbiJson.write(SRC),
                java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(amf.sendUnchecked(Api.AUDITING, "GET", audit("src-interface=" + src), null).as(InvocationLogs.class)
                .multipleInvocationLogs()).hasSize(2);
        var none = amf.send(Api.AUDITING, "GET", audit("time-range-start=2026-01-01T00:00:00Z"), null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.cause()).isEqualTo("RESOURCE_NOT_FOUND");
        var badTime = amf.sendUnchecked(Api.AUDITING, "GET", audit("time-range-end=yesterday"), null);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.cause()).isEqualTo("INVALID_QUERY_PARAM");
        var unknown = amf.sendUnchecked(Api.AUDITING, "GET", audit("api-cat=x"), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.cause()).isEqualTo("INVALID_QUERY_PARAM");
    }

    @Test
    void onlyTheAefLogsOnlyItsApisAndOnlyItsDomainsAmfAudits() throws Exception {
        InvocationLog ok = new InvocationLog(lab.aefId, "INVaaaa", List.of(log("hello", "200", null)), "0");
        var asApf = post(lab.apf, lab.aefId, ok);
        assertThat(asApf.status()).isEqualTo(403);
        assertThat(asApf.cause()).isEqualTo("IDENTITY_MISMATCH");
        var otherBodyAef = post(lab.aef, lab.aefId, new InvocationLog("AEFother", "INVaaaa", ok.logs(), "0"));
        assertThat(otherBodyAef.status()).isEqualTo(403);
        assertThat(otherBodyAef.cause()).isEqualTo("IDENTITY_MISMATCH");
        var notPublishedHere = post(lab.aef, lab.aefId, new InvocationLog(lab.aefId, "INVaaaa", List.of(new Log(
                "APIunknown", "nef-demo", "v1", "hello", null, "HTTP_1_1", "GET", "200", null, null, null, null, null,
                null, null)), "0"));
        assertThat(notPublishedHere.status()).isEqualTo(403);
        assertThat(notPublishedHere.cause()).isEqualTo("API_NOT_SERVED_BY_AEF");
        var tooMany = post(lab.aef, lab.aefId, new InvocationLog(lab.aefId, "INVaaaa",
                java.util.Collections.nCopies(101, log("hello", "200", null)), "0"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.cause()).isEqualTo("MANDATORY_IE_INCORRECT");
        var missing = lab.as(lab.aef).sendUnchecked(Api.LOGGING, "POST", logs(lab.aefId),
                ("{\"aefId\":\"" + lab.aefId + "\",\"apiInvokerId\":\"INVaaaa\",\"logs\":[{\"apiId\":\"" + apiId
                        + "\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.cause()).isEqualTo("MANDATORY_IE_MISSING");
        assertThat(post(lab.aef, lab.aefId, ok).status()).isEqualTo(201);

        // Auditing is the AMF's: the AEF itself and an invoker are refused.
        var byAef = lab.as(lab.aef).send(Api.AUDITING, "GET", audit(""), null);
        assertThat(byAef.status()).isEqualTo(403);
        assertThat(byAef.cause()).isEqualTo("ROLE_NOT_ALLOWED");
        CcfLab.Invoker inv = lab.onboard("http://127.0.0.1:9/unused");
        assertThat(lab.as(inv.tls()).send(Api.AUDITING, "GET", audit(""), null).cause()).isEqualTo("ROLE_NOT_ALLOWED");
        assertThat(lab.as(lab.amf).send(Api.AUDITING, "GET", audit(""), null).status()).isEqualTo(200);

        // Another provider domain's AMF sees nothing of this domain's logs.
        String firstAef = lab.aefId;
        lab.registerProvider();
        var foreign = lab.as(lab.amf).send(Api.AUDITING, "GET", audit("aef-id=" + firstAef), null);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void aFullStoreRefusesWithInsufficientResources() throws Exception {
        stop();
        start(3);
        InvocationLog two = new InvocationLog(lab.aefId, "INVaaaa", List.of(log("hello", "200", null),
                log("hello", "200", null)), "0");
        assertThat(post(lab.aef, lab.aefId, two).status()).isEqualTo(201);
        var full = post(lab.aef, lab.aefId, two);
        assertThat(full.status()).isEqualTo(500);
        assertThat(full.cause()).isEqualTo("INSUFFICIENT_RESOURCES");
        // One more entry still fits; the refused request stored nothing.
        assertThat(post(lab.aef, lab.aefId, new InvocationLog(lab.aefId, "INVaaaa", List.of(log("hello", "200",
                null)), "0")).status()).isEqualTo(201);
        assertThat(store.map("invocationLogs", StoredInvocationLog.class).values()).hasSize(2);
    }
}
