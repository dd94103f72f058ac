package org.keygate.labnf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.keygate.crypto.aka.FiveGAka;
import org.keygate.crypto.aka.Milenage;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;

/**
 * A lab UDM serving Nudm_UEAU Generate Auth Data (TS 29.503 5.4.2.2, 6.3.3.2.x): {@code POST
 * /nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data} with an AuthenticationInfoRequest, answered
 * with a 5G HE AV (TS 33.501 6.1.3.2: RAND, AUTN, XRES*, KAUSF from MILENAGE) for 5G AKA.
 *
 * <p>SQN: one counter per subscriber, starting at {@link LabSubscriber#firstSqn()}, increased by one per vector
 * (TS 33.102 C.1.1 allows any increasing scheme). {@code resynchronizationInfo} is honoured (TS 33.102 6.3.5): a
 * valid AUTS (MAC-S by f1* with AMF 0000) sets the counter after SQN_MS, an invalid one is refused.
 *
 * <p>Also {@code POST /nudm-ueau/v1/{supi}/auth-events} (ResultConfirmation), where the AUSF reports the outcome.
 *
 * <p>Errors (TS 29.503 6.3.3.2.x): an unknown SUPI is 404 USER_NOT_FOUND, a SUCI with another protection scheme
 * than null 501 UNSUPPORTED_PROTECTION_SCHEME, an invalid AUTS 403 AUTHENTICATION_REJECTED, a bad request 400 with
 * the TS 29.500 cause. The key material in the answer is what this API carries by design (the SEPP encrypts it on
 * N32-f); it is never logged.
 */
public final class UdmUeauHandler implements SbiHandler {
    private static final String PREFIX = "/nudm-ueau/v1/";
    private static final String SUFFIX = "/security-information/generate-auth-data";
    private static final Pattern SNN = Pattern.compile("^5G:mnc[0-9]{3}[.]mcc[0-9]{3}[.]3gppnetwork[.]org$");
    private static final Pattern NF_INSTANCE_ID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RESYNC_AMF = {0, 0}; // TS 33.102 6.3.3: AMF* in MAC-S is a dummy of zeros

    private static final String AUTH_EVENTS = "/auth-events";

    private final String apiRoot;
    private final Map<String, Entry> subscribers;
    private final Consumer<byte[]> randomSource;
    private final ConcurrentHashMap<String, JsonNode> lastAuthEvents = new ConcurrentHashMap<>();

    private record Entry(LabSubscriber subscriber, Milenage milenage, AtomicLong sqn) {}

    public UdmUeauHandler(UdmSettings settings) {
        this(settings, new SecureRandom()::nextBytes);
    }

    /** With a chosen RAND source (tests); TS 33.102 6.3.2 wants RAND unpredictable, so use SecureRandom in service. */
    UdmUeauHandler(UdmSettings settings, Consumer<byte[]> randomSource) {
        this.apiRoot = settings.apiRoot();
        this.subscribers = settings.subscribers().stream().collect(Collectors.toUnmodifiableMap(LabSubscriber::supi,
                s -> new Entry(s, Milenage.withOpc(s.k(), s.opc()), new AtomicLong(s.firstSqn()))));
        this.randomSource = randomSource;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        return CompletableFuture.completedFuture(answer(request));
    }

    SbiResponse answer(SbiRequest request) {
        String path = request.pathWithoutQuery();
        if (path.startsWith(PREFIX) && path.endsWith(AUTH_EVENTS)
                && path.length() > PREFIX.length() + AUTH_EVENTS.length()) {
            return authEvent(path.substring(PREFIX.length(), path.length() - AUTH_EVENTS.length()), request);
        }
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such resource"));
        }
        if (!request.method().equals("POST")) {
            return new SbiResponse(405, org.keygate.sbi.http.SbiHeaders.of("allow", "POST", "content-type",
                    SbiResponse.PROBLEM_JSON), SbiJson.write(ProblemDetails.of(405, "Method Not Allowed", null,
                    "only POST is allowed")));
        }
        String supiOrSuci = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        SupiOrSuci.Resolved resolved = SupiOrSuci.resolve(supiOrSuci);
        switch (resolved.result()) {
            case MALFORMED -> {
                return invalid(SbiCause.MANDATORY_IE_INCORRECT, "supiOrSuci", "supiOrSuci is not a SUPI or SUCI");
            }
            case UNSUPPORTED_PROTECTION_SCHEME -> {
                return SbiResponse.problem(ProblemDetails.of(501, "Not Implemented", "UNSUPPORTED_PROTECTION_SCHEME",
                        "this UDM de-conceals only the null scheme"));
            }
            case OK -> { }
        }
        JsonNode body;
        try {
            body = SbiJson.read(request.body(), JsonNode.class);
        } catch (SbiJsonException e) {
            return invalid(SbiCause.INVALID_MSG_FORMAT, "", e.getMessage());
        }
        if (!body.isObject()) {
            return invalid(SbiCause.INVALID_MSG_FORMAT, "", "AuthenticationInfoRequest must be an object");
        }
        Optional<SbiResponse> bad = require(body, "servingNetworkName", SNN)
                .or(() -> require(body, "ausfInstanceId", NF_INSTANCE_ID));
        if (bad.isPresent()) {
            return bad.get();
        }
        Entry e = subscribers.get(resolved.supi().orElseThrow());
        if (e == null) {
            return SbiResponse.problem(ProblemDetails.of(404, "Not Found", "USER_NOT_FOUND", "no such subscriber"));
        }
        JsonNode resync = body.get("resynchronizationInfo");
        if (resync != null) {
            Optional<SbiResponse> refused = resynchronise(e, resync);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        long sqn = e.sqn().getAndIncrement();
        if (sqn > LabSubscriber.MAX_SQN) {
            return SbiResponse.problem(SbiCause.SYSTEM_FAILURE.problem("the subscriber's SQN is exhausted"));
        }
        byte[] rand = new byte[Milenage.RAND_LENGTH];
        randomSource.accept(rand);
        String snn = body.get("servingNetworkName").asText();
        FiveGAka.HeAv av = FiveGAka.heAv(e.milenage(), rand, sqnOctets(sqn), e.subscriber().amf(), snn);
        ObjectNode vector = SbiJson.mapper().createObjectNode();
        vector.put("avType", "5G_HE_AKA");
        vector.put("rand", HEX.formatHex(av.rand()));
        vector.put("xresStar", HEX.formatHex(av.xresStar()));
        vector.put("autn", HEX.formatHex(av.autn()));
        vector.put("kausf", HEX.formatHex(av.kausf().toByteArray(InsecureSecretAccess.get())));
        av.kausf().destroy();
        ObjectNode result = SbiJson.mapper().createObjectNode();
        result.put("authType", "5G_AKA");
        result.set("authenticationVector", vector);
        result.put("supi", e.subscriber().supi());
        return SbiResponse.json(200, SbiJson.write(result));
    }

    /**
     * Nudm_UEAU ResultConfirmation (TS 29.503 5.4.2.3, TS 33.501 6.1.4.1): {@code POST {supi}/auth-events} with an
     * AuthEvent; the UDM keeps the last one per subscriber (one per subscriber, so memory stays bounded) and answers
     * 201 with it and its {@code Location}.
     */
    private SbiResponse authEvent(String supi, SbiRequest request) {
        if (!request.method().equals("POST")) {
            return new SbiResponse(405, org.keygate.sbi.http.SbiHeaders.of("allow", "POST", "content-type",
                    SbiResponse.PROBLEM_JSON), SbiJson.write(ProblemDetails.of(405, "Method Not Allowed", null,
                    "only POST is allowed")));
        }
        JsonNode event;
        try {
            event = SbiJson.read(request.body(), JsonNode.class);
        } catch (SbiJsonException e) {
            return invalid(SbiCause.INVALID_MSG_FORMAT, "", e.getMessage());
        }
        Optional<SbiResponse> bad = require(event, "nfInstanceId", NF_INSTANCE_ID)
                .or(() -> require(event, "servingNetworkName", SNN))
                .or(() -> require(event, "authType", Pattern.compile("^[A-Z0-9_]{1,32}$")))
                .or(() -> require(event, "timeStamp", Pattern.compile("^[0-9T:.+Z-]{10,40}$")));
        if (bad.isPresent()) {
            return bad.get();
        }
        if (!event.path("success").isBoolean()) {
            return invalid(SbiCause.MANDATORY_IE_MISSING, "/success", "success is missing or not a boolean");
        }
        if (!subscribers.containsKey(supi)) {
            return SbiResponse.problem(ProblemDetails.of(404, "Not Found", "USER_NOT_FOUND", "no such subscriber"));
        }
        lastAuthEvents.put(supi, event);
        String location = apiRoot + PREFIX + supi + AUTH_EVENTS + "/" + java.util.UUID.randomUUID();
        return new SbiResponse(201, org.keygate.sbi.http.SbiHeaders.of("content-type", "application/json",
                "location", location), SbiJson.write(event));
    }

    /** The last AuthEvent the AUSF confirmed for {@code supi} (what {@code keygate lab} shows). */
    public Optional<JsonNode> lastAuthEvent(String supi) {
        return Optional.ofNullable(lastAuthEvents.get(supi));
    }

    /** TS 33.102 6.3.5: check MAC-S of AUTS and move SQN_HE past SQN_MS. */
    private Optional<SbiResponse> resynchronise(Entry e, JsonNode info) {
        String randHex = info.path("rand").asText("");
        String autsHex = info.path("auts").asText("");
        if (!randHex.matches("^[A-Fa-f0-9]{32}$") || !autsHex.matches("^[A-Fa-f0-9]{28}$")) {
            return Optional.of(invalid(SbiCause.MANDATORY_IE_INCORRECT, "/resynchronizationInfo",
                    "resynchronizationInfo needs rand (32 hex) and auts (28 hex)"));
        }
        byte[] rand = HEX.parseHex(randHex);
        byte[] auts = HEX.parseHex(autsHex);
        byte[] akStar = e.milenage().f5Star(rand);
        byte[] sqnMs = new byte[6];
        for (int i = 0; i < 6; i++) {
            sqnMs[i] = (byte) (auts[i] ^ akStar[i]);
        }
        byte[] macS = e.milenage().f1Star(rand, sqnMs, RESYNC_AMF);
        if (!java.security.MessageDigest.isEqual(macS, java.util.Arrays.copyOfRange(auts, 6, 14))) {
            return Optional.of(SbiResponse.problem(ProblemDetails.of(403, "Forbidden", "AUTHENTICATION_REJECTED",
                    "the AUTS does not verify")));
        }
        long ms = 0;
        for (byte b : sqnMs) {
            ms = (ms << 8) | (b & 0xFF);
        }
        long next = ms + 1;
        e.sqn().accumulateAndGet(next, Math::max);
        return Optional.empty();
    }

    private static Optional<SbiResponse> require(JsonNode body, String member, Pattern form) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return Optional.of(invalid(SbiCause.MANDATORY_IE_MISSING, "/" + member, member + " is missing"));
        }
        if (!v.isTextual() || !form.matcher(v.asText()).matches()) {
            return Optional.of(invalid(SbiCause.MANDATORY_IE_INCORRECT, "/" + member, member + " is not valid"));
        }
        return Optional.empty();
    }

    static SbiResponse invalid(SbiCause cause, String param, String detail) {
        ProblemDetails p = cause.problem(detail);
        return SbiResponse.problem(new ProblemDetails(null, p.title(), p.status(), detail, null, p.cause(),
                List.of(new InvalidParam(param, detail))));
    }

    static byte[] sqnOctets(long sqn) {
        byte[] out = new byte[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return out;
    }
}
