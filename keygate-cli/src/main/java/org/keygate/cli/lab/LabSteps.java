package org.keygate.cli.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.n32f.forward.N32fWireTap;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.sepp.peer.PeerSepp;

/**
 * The lab's steps, each printed as it happens and each with a check: N32-c, a visited NF's request for a 5G HE AV,
 * the N32-f message as a Roaming Intermediary sees it, the answer the NF got, and a request the SEPP must refuse.
 */
final class LabSteps {
    static final String UDM_ROOT = "http://" + LabTopology.UDM_AUTHORITY;
    static final String GENERATE = "/nudm-ueau/v1/" + LabNetwork.SUPI + "/security-information/generate-auth-data";
    static final String BODY = "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"7a1e1a2c-8b39-4a7e-9f7b-0b1d3c4e5f60\"}";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final LabNetwork net;
    private final PrintStream out;
    private final AtomicReference<N32fReformattedReqMsg> sent = new AtomicReference<>();
    private final AtomicReference<N32fReformattedRspMsg> answered = new AtomicReference<>();
    private final AtomicReference<N32fReformattedReqMsg> received = new AtomicReference<>();
    private boolean ok = true;

    LabSteps(LabNetwork net, PrintStream out) {
        this.net = net;
        this.out = out;
        net.visited.tapN32f(new N32fWireTap() {
            @Override
            public void sent(PeerSepp peer, N32fReformattedReqMsg request) {
                sent.set(request);
            }

            @Override
            public void answered(PeerSepp peer, N32fReformattedRspMsg response) {
                answered.set(response);
            }
        });
        net.home.tapN32f(new N32fWireTap() {
            @Override
            public void received(PeerSepp peer, N32fReformattedReqMsg request) {
                received.set(request);
            }
        });
    }

    /** Runs every step; true when each check held. */
    boolean run() throws Exception {
        n32c();
        SbiResponse answer = request();
        n32f();
        answer(answer);
        refusal();
        return ok;
    }

    private void n32c() throws Exception {
        heading("1", "N32-c: the visited SEPP (999-99) negotiates with the home SEPP (001-01)");
        N32fContext initiator = net.visited.establish(LabTopology.HOME).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        N32fContext responder = net.home.contexts().current(LabTopology.VISITED).orElse(null);
        LabOutcome outcome = new LabOutcome(initiator, responder, net.ipx.isPresent());
        outcome.print(out);
        check(outcome.agree(), "both SEPPs agree on mechanism, suites, context IDs and keys");
    }

    private SbiResponse request() throws Exception {
        heading("2", "a visited-network NF asks the home UDM for a 5G HE AV, through its SEPP");
        var sbi = net.visited.sbiAddress().orElseThrow();
        out.println("  POST http://" + LabOutcome.hostPort(sbi) + GENERATE);
        out.println("  3gpp-Sbi-Target-apiRoot: " + UDM_ROOT);
        out.println("  " + BODY);
        try (SbiClient client = SbiClient.builder().cleartext().requestTimeout(BOUND).build()) {
            SbiClientConnection c = client.connect(sbi, null).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            return c.send(new SbiRequest("POST", GENERATE, SbiHeaders.of("content-type", "application/json",
                    "3gpp-sbi-target-apiroot", UDM_ROOT), BODY.getBytes(StandardCharsets.UTF_8)),
                    LabTopology.VISITED_PLMN.seppFqdn(), "http").get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void n32f() {
        N32fContext context = net.visited.contexts().current(LabTopology.HOME).orElseThrow();
        if (context.capability() == SecurityCapability.TLS) {
            heading("3", "N32-f in TLS mode: the request crossed as sent, inside the SEPPs' mutually authenticated TLS");
            out.println("  :authority " + LabTopology.HOME_PLMN.seppFqdn() + ", 3gpp-Sbi-Target-apiRoot kept "
                    + "(TS 33.501 13.1.1.2); no application-layer protection to show");
            return;
        }
        heading("3", "N32-f with PRINS: what crossed between the SEPPs (what an IPX sees)");
        N32fReformattedReqMsg req = sent.get();
        N32fReformattedRspMsg rsp = answered.get();
        if (req == null || rsp == null) {
            check(false, "the visited SEPP sent an n32f-process message and got its answer");
            return;
        }
        JsonNode aad = aad(req.reformattedData().aad());
        out.println("  request, integrity-protected part (the JWE aad, readable by an IPX):");
        out.println("    metaData     " + SbiJson.mapper().valueToTree(aad.path("metaData")));
        out.println("    requestLine  " + aad.path("requestLine"));
        out.println("    payload      " + aad.path("payload"));
        out.println("  request, encrypted part: " + req.reformattedData().ciphertext().length()
                + " base64url characters of " + context.jweCipherSuite().orElseThrow().joseName());
        String reqWire = new String(SbiJson.write(req), StandardCharsets.UTF_8);
        check(!reqWire.contains(LabNetwork.SUPI) && aad.toString().contains("encBlockIndex"),
                "the SUPI is nowhere on the wire: the path carries {supiOrSuci} and an encBlockIndex");
        if (net.ipx.isPresent()) {
            ipxModification(req);
        }
        JsonNode rspAad = aad(rsp.reformattedData().aad());
        out.println("  answer payload " + rspAad.path("payload"));
        if (net.ipx.isPresent()) {
            answerModifications(rsp);
        }
        String rspWire = new String(SbiJson.write(rsp), StandardCharsets.UTF_8);
        check(rspAad.toString().contains("\"authenticationVector\":{\"encBlockIndex\"")
                && !rspWire.contains("5G_HE_AKA"), "the AV crossed only as an encBlockIndex");
    }

    /**
     * What the two hubs added on the way (TS 33.501 13.2.4.5.2): on the request the visited hub (cIPX) first, then the
     * home hub (pIPX); on the answer the home hub first, then the visited hub. Each entry is a signed JWS.
     */
    private void ipxModification(N32fReformattedReqMsg sentByVisited) {
        N32fReformattedReqMsg arrived = received.get();
        out.println("  the IPXs on the way (" + LabTopology.VISITED_IPX + ", then " + LabTopology.HOME_IPX
                + "): the visited SEPP sent " + size(sentByVisited.modificationsBlock())
                + " modification entries, the home SEPP received "
                + (arrived == null ? "nothing" : size(arrived.modificationsBlock())));
        if (arrived == null || size(arrived.modificationsBlock()) != 2) {
            check(false, "both IPXs signed the request");
            return;
        }
        JsonNode first = printed(arrived.modificationsBlock().get(0));
        JsonNode second = printed(arrived.modificationsBlock().get(1));
        String tag = arrived.reformattedData().tag();
        check(signedBy(first, LabTopology.VISITED_IPX, tag) && signedBy(second, LabTopology.HOME_IPX, tag)
                && first.path("operations").toString().contains(LabNetwork.IPX_AUSF_INSTANCE_ID),
                "the visited IPX rewrote ausfInstanceId, as the visited SEPP's policy allows, then the home IPX "
                        + "signed after it, each with ES256 over the JWE tag; the home SEPP verified both (the "
                        + "visited hub with the key the visited SEPP announced, its own hub with its own), or the "
                        + "answer below would be a 403");
    }

    /** The answer's entries: the home hub first (it added supportedFeatures), the visited hub second. */
    private void answerModifications(N32fReformattedRspMsg rsp) {
        out.println("  the answer on its way back: " + size(rsp.modificationsBlock()) + " modification entries");
        if (size(rsp.modificationsBlock()) != 2) {
            check(false, "both IPXs signed the answer");
            return;
        }
        JsonNode first = printed(rsp.modificationsBlock().get(0));
        JsonNode second = printed(rsp.modificationsBlock().get(1));
        String tag = rsp.reformattedData().tag();
        check(signedBy(first, LabTopology.HOME_IPX, tag) && signedBy(second, LabTopology.VISITED_IPX, tag)
                && first.path("operations").toString().contains(LabNetwork.HOME_IPX_SUPPORTED_FEATURES),
                "the home IPX added supportedFeatures to the answer, then the visited IPX signed after it; the "
                        + "visited SEPP verified both");
    }

    /** Prints one JWS entry; its payload (identity, operations, tag) with the header's alg, for the checks. */
    private JsonNode printed(org.keygate.n32.n32f.model.FlatJwsJson jws) {
        JsonNode header = SbiJson.read(Base64.getUrlDecoder().decode(jws.protectedHeader()), JsonNode.class);
        ObjectNode payload = (ObjectNode) SbiJson.read(Base64.getUrlDecoder().decode(jws.payload()), JsonNode.class);
        out.println("    JWS protected header " + header);
        out.println("    identity   " + payload.path("identity").asText());
        out.println("    operations " + (payload.has("operations") && !payload.get("operations").isNull()
                ? payload.get("operations") : "none (signed all the same: TS 33.501 13.2.4.5.1 NOTE 2)"));
        out.println("    tag        " + payload.path("tag").asText() + " (the JWE tag of this very message)");
        return payload.put("alg", header.path("alg").asText());
    }

    private static boolean signedBy(JsonNode payload, String identity, String jweTag) {
        return "ES256".equals(payload.path("alg").asText()) && identity.equals(payload.path("identity").asText())
                && jweTag.equals(payload.path("tag").asText());
    }

    private static int size(java.util.List<?> list) {
        return list == null ? 0 : list.size();
    }

    private void answer(SbiResponse answer) {
        heading("4", "the answer the visited NF got");
        out.println("  HTTP " + answer.status());
        JsonNode body = answer.status() == 200 ? SbiJson.read(answer.body(), JsonNode.class) : null;
        if (body == null) {
            out.println("  " + new String(answer.body(), StandardCharsets.UTF_8));
            check(false, "200 with an authentication vector");
            return;
        }
        JsonNode av = body.path("authenticationVector");
        ObjectNode shown = SbiJson.mapper().createObjectNode();
        shown.put("avType", av.path("avType").asText()).put("rand", av.path("rand").asText())
                .put("autn", av.path("autn").asText())
                .put("xresStar", "(" + av.path("xresStar").asText().length() / 2 + " octets, not shown)")
                .put("kausf", "(" + av.path("kausf").asText().length() / 2 + " octets, key material, not shown)");
        out.println("  authenticationVector " + shown);
        out.println("  supi " + body.path("supi").asText());
        if (net.homeIpx.isPresent()) {
            out.println("  supportedFeatures " + body.path("supportedFeatures").asText() + " (added by the home IPX)");
            check(LabNetwork.HOME_IPX_SUPPORTED_FEATURES.equals(body.path("supportedFeatures").asText()),
                    "the home IPX's change of the answer reached the NF");
        }
        check("5G_HE_AKA".equals(av.path("avType").asText()) && av.path("rand").asText().length() == 32
                && av.path("autn").asText().length() == 32 && av.path("kausf").asText().length() == 64
                && LabNetwork.SUPI.equals(body.path("supi").asText()),
                "a complete 5G HE AV for the subscriber (TS 33.501 6.1.3.2), made by the home UDM with MILENAGE");
    }

    private void refusal() throws Exception {
        heading("5", "a request the visited SEPP must refuse: Nudm_SDM is not on the home partner's allowlist");
        String path = "/nudm-sdm/v2/" + LabNetwork.SUPI + "/am-data";
        out.println("  GET " + path + "  (3gpp-Sbi-Target-apiRoot: " + UDM_ROOT + ")");
        long before = sentCount();
        try (SbiClient client = SbiClient.builder().cleartext().requestTimeout(BOUND).build()) {
            SbiClientConnection c = client.connect(net.visited.sbiAddress().orElseThrow(), null)
                    .get(BOUND.toSeconds(), TimeUnit.SECONDS);
            SbiResponse r = c.send(new SbiRequest("GET", path, SbiHeaders.of("3gpp-sbi-target-apiroot", UDM_ROOT),
                    new byte[0]), LabTopology.VISITED_PLMN.seppFqdn(), "http").get(BOUND.toSeconds(), TimeUnit.SECONDS);
            out.println("  HTTP " + r.status() + " " + new String(r.body(), StandardCharsets.UTF_8));
            check(r.status() == 400 && new String(r.body(), StandardCharsets.UTF_8).contains("INVALID_API")
                    && sentCount() == before, "refused (TS 29.500 INVALID_API), and nothing was sent to the partner");
        }
    }

    private long sentCount() {
        var counter = net.visited.meters().find("keygate_n32f_messages_total").tag("direction", "out").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private static JsonNode aad(String base64url) {
        return SbiJson.read(Base64.getUrlDecoder().decode(base64url), JsonNode.class);
    }

    private void heading(String n, String what) {
        out.println();
        out.println("[" + n + "] " + what);
    }

    private void check(boolean held, String what) {
        out.println("  " + (held ? "OK    " : "FAILED") + " " + what);
        ok &= held;
    }
}
