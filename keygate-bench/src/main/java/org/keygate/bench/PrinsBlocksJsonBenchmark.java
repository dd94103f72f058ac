package org.keygate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.model.N32fBlocksJson;
import org.keygate.n32.n32f.model.N32fMessageJson;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.n32.n32f.reformat.N32fReformatter;
import org.keygate.n32.n32f.reformat.Reformatted;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two PRINS blocks of the lab's answer (a Nudm_UEAU generate-auth-data response with a 5G HE AV, AV and SUPI
 * encrypted) written and read back, by the mapper ({@code SbiJson}) and by hand ({@code N32fBlocksJson}) in one run:
 * the same octets and records both ways (N32fBlocksJsonTest), so the difference is the cost of the mapper's bean
 * machinery per message (issue 10), measured side by side under the same load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrinsBlocksJsonBenchmark {
    private static final String AV_RESPONSE = "{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"avType\":"
            + "\"5G_HE_AKA\",\"rand\":\"4f2b8e7a1c3d5e6f708192a3b4c5d6e7\",\"autn\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\","
            + "\"xresStar\":\"0123456789abcdef0123456789abcdef\",\"kausf\":"
            + "\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"},\"supi\":\"imsi-001010000000001\"}";

    private Reformatted blocks;
    private byte[] aad;
    private byte[] plaintext;
    private byte[] message;

    @Setup
    public void setUp() throws Exception {
        ClearResponse answer = new ClearResponse(200, List.of(Map.entry("content-type", "application/json")),
                SbiJson.read(AV_RESPONSE.getBytes(StandardCharsets.UTF_8), JsonNode.class));
        blocks = N32fReformatter.response(answer, EncryptionPlan.body(List.of("/authenticationVector", "/supi")),
                new MetaData("0123456789abcdef", "1", MetaData.NO_IPX));
        aad = SbiJson.write(blocks.integrityProtected());
        plaintext = SbiJson.write(blocks.encrypted());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        message = N32fMessageJson.write(new N32fReformattedRspMsg(FlatJweJson.of(
                b64.encodeToString("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.US_ASCII)),
                b64.encodeToString(aad), b64.encodeToString(new byte[12]), b64.encodeToString(plaintext),
                b64.encodeToString(new byte[16])), null));
    }

    /** The N32-f message carrying these blocks (its JWE's five members), read as the receiving SEPP reads it. */
    @Benchmark
    public Object readMessageByHand() {
        return N32fMessageJson.readResponse(message);
    }

    @Benchmark
    public Object readMessageByMapper() {
        return SbiJson.read(message, N32fReformattedRspMsg.class);
    }

    @Benchmark
    public void writeByMapper(Blackhole bh) {
        bh.consume(SbiJson.write(blocks.integrityProtected()));
        bh.consume(SbiJson.write(blocks.encrypted()));
    }

    @Benchmark
    public void writeByHand(Blackhole bh) {
        bh.consume(N32fBlocksJson.write(blocks.integrityProtected()));
        bh.consume(N32fBlocksJson.write(blocks.encrypted()));
    }

    @Benchmark
    public void readByMapper(Blackhole bh) {
        bh.consume(SbiJson.read(aad, DataToIntegrityProtectBlock.class));
        bh.consume(SbiJson.read(plaintext, DataToIntegrityProtectAndCipherBlock.class));
    }

    @Benchmark
    public void readByHand(Blackhole bh) {
        bh.consume(N32fBlocksJson.readBlock(aad));
        bh.consume(N32fBlocksJson.readCipherBlock(plaintext));
    }
}
