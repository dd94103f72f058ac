package org.keygate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.n32.n32f.reformat.SbiClearMessages;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.n32.policy.EncryptionPlanner;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
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
 * The sending SEPP's work on a message before the N32-f protection that {@link N32fProtectBenchmark} measures (issue
 * 10): the clear form of the lab's Nudm_UEAU generate-auth-data request (its JSON body read into a tree), and the
 * encryption plans of that request and of its answer under the default protection policy (TS 33.501 5.9.3.3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrinsSendingBenchmark {
    private static final String PATH =
            "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";
    private static final byte[] REQUEST_BODY = ("{\"servingNetworkName\":\"5G:mnc001.mcc001.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"4d9ec4e0-7c7b-4d8e-9d7c-2b6f3f1c0a11\"}").getBytes(StandardCharsets.UTF_8);
    private static final String AV_RESPONSE = "{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"avType\":"
            + "\"5G_HE_AKA\",\"rand\":\"4f2b8e7a1c3d5e6f708192a3b4c5d6e7\",\"autn\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\","
            + "\"xresStar\":\"0123456789abcdef0123456789abcdef\",\"kausf\":"
            + "\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"},\"supi\":\"imsi-001010000000001\"}";

    private EncryptionPlanner planner;
    private SbiRequest request;
    private JsonNode answer;
    private SbiResponse answerMessage;

    @Setup
    public void setUp() throws Exception {
        planner = new EncryptionPlanner(List.of(DefaultProtectionPolicy.get()));
        request = new SbiRequest("POST", PATH, SbiHeaders.of("content-type", "application/json"), REQUEST_BODY);
        answer = SbiJson.read(AV_RESPONSE.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        answerMessage = new SbiResponse(200, SbiHeaders.of("content-type", "application/json"),
                AV_RESPONSE.getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public Object clearRequest() throws Exception {
        return SbiClearMessages.request(request, "https", "udm.5gc.mnc001.mcc001.3gppnetwork.org");
    }

    /** The home SEPP's first step on the UDM's answer: its clear form, the JSON body read into a tree. */
    @Benchmark
    public Object clearResponse() throws Exception {
        return SbiClearMessages.response(answerMessage);
    }

    @Benchmark
    public EncryptionPlan planRequest() {
        return planner.forRequest("POST", PATH, null);
    }

    @Benchmark
    public EncryptionPlan planResponse() {
        return planner.forResponse("POST", PATH, answer);
    }
}
