package org.keygate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fMessageJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.n32f.prins.PrinsContext;
import org.keygate.n32.n32f.reformat.BinaryPart;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PRINS on the hot path, one operation = protect + serialise + parse + unprotect (TS 33.501 13.2.4):
 * (a) the home SEPP protects a Nudm_UEAU generate-auth-data response carrying a 5G HE AV (AV and SUPI encrypted)
 * and the visited SEPP unprotects it; (b) the home SEPP protects a Namf_Communication N1N2MessageTransfer request
 * (home-routed roaming: H-SMF to V-AMF) with a JSON root part and a 120-octet N1 SM binary part, the binary part
 * encrypted, and the visited SEPP unprotects it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class N32fProtectBenchmark {
    private static final String AV_RESPONSE = "{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"avType\":"
            + "\"5G_HE_AKA\",\"rand\":\"4f2b8e7a1c3d5e6f708192a3b4c5d6e7\",\"autn\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\","
            + "\"xresStar\":\"0123456789abcdef0123456789abcdef\",\"kausf\":"
            + "\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"},\"supi\":\"imsi-001010000000001\"}";
    private static final EncryptionPlan PLAN = EncryptionPlan.body(List.of("/authenticationVector", "/supi"));

    private N32fProtector home;
    private N32fProtector visited;
    private ClearResponse response;
    private ClearRequest n1n2;
    private static final EncryptionPlan N1N2_PLAN = new EncryptionPlan(null, java.util.Set.of(), java.util.Set.of(),
            java.util.Set.of(), List.of(), java.util.Set.of(EncryptionPlan.ALL_BINARY_PARTS));

    @Setup
    public void setUp() throws Exception {
        N32fContextId v = N32fContextId.parse("0123456789abcdef");
        N32fContextId h = N32fContextId.parse("fedcba9876543210");
        byte[] m = new byte[64];
        N32fSessionKeys keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(m)), v, h, JweEnc.A128GCM);
        home = new N32fProtector(new PrinsContext(N32Role.RESPONDER, h, v, keys));
        visited = new N32fProtector(new PrinsContext(N32Role.INITIATOR, v, h, keys));
        response = new ClearResponse(200, List.of(Map.entry("content-type", "application/json")),
                SbiJson.read(AV_RESPONSE.getBytes(), JsonNode.class));
        byte[] n1 = new byte[120];
        new java.util.Random(1).nextBytes(n1);
        n1n2 = new ClearRequest("POST", "https", "amf.5gc.mnc099.mcc999.3gppnetwork.org",
                "/namf-comm/v1/ue-contexts/imsi-001010000000001/n1-n2-messages", null,
                List.of(Map.entry("content-type", "multipart/related; boundary=b")),
                SbiJson.read(("{\"n1MessageContainer\":{\"n1MessageClass\":\"SM\",\"n1MessageContent\":"
                        + "{\"contentId\":\"n1sm\"}},\"pduSessionId\":5}").getBytes(), JsonNode.class),
                List.of(new BinaryPart("n1sm", "application/vnd.3gpp.5gnas", n1)));
    }

    @Benchmark
    public Object protectAndUnprotectN1N2MessageTransfer() throws Exception {
        byte[] wire = SbiJson.write(home.protectRequest(n1n2, N1N2_PLAN, "2"));
        return visited.unprotectRequest(SbiJson.read(wire, N32fReformattedReqMsg.class));
    }

    /** (a) as the SEPPs do it: the message written and read by {@link N32fMessageJson}, not the mapper. */
    @Benchmark
    public Object protectAndUnprotectUeauResponseOnTheWire() throws Exception {
        byte[] wire = home.protectResponseJson(response, PLAN, "1", MetaData.NO_IPX);
        return visited.unprotectResponse(N32fMessageJson.readResponse(wire), "1");
    }

    @Benchmark
    public Object protectAndUnprotectUeauResponse() throws Exception {
        byte[] wire = SbiJson.write(home.protectResponse(response, PLAN, "1"));
        return visited.unprotectResponse(SbiJson.read(wire, N32fReformattedRspMsg.class), "1");
    }
}
