package org.keygate.crypto.nonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.n32.IvSalt;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;

class NonceSequenceTest {
    private static IvSalt exampleParallelRequestSalt() {
        byte[] m = new byte[64];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) i;
        }
        return N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(m)), N32fContextId.parse("0123456789abcdef"),
                N32fContextId.parse("fedcba9876543210"), JweEnc.A128GCM).parallelRequestIvSalt();
    }

    @Test
    void firstThreeNoncesOfTheExampleParallelSession() {
        NonceSequence seq = NonceSequence.of(exampleParallelRequestSalt());
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(seq.next())).isEqualTo("0c798f042ed6db5e00000000");
        assertThat(hex.formatHex(seq.next())).isEqualTo("0c798f042ed6db5e00000001");
        assertThat(hex.formatHex(seq.next())).isEqualTo("0c798f042ed6db5e00000002");
    }

    @Test
    void neverWraps() {
        NonceSequence seq = NonceSequence.startingAt(new IvSalt(SecretBytes.copyOf(new byte[8])), 0xFFFFFFFEL);
        assertThat(HexFormat.of().formatHex(seq.next())).endsWith("fffffffe");
        assertThat(HexFormat.of().formatHex(seq.next())).endsWith("ffffffff");
        assertThatThrownBy(seq::next).isInstanceOf(NonceSequenceExhaustedException.class);
        assertThatThrownBy(seq::next).isInstanceOf(NonceSequenceExhaustedException.class);
    }

    @Test
    void concurrentCallersNeverGetTheSameNonce() throws Exception {
        NonceSequence seq = NonceSequence.of(exampleParallelRequestSalt());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(2);
        Runnable worker = () -> {
            for (int i = 0; i < 10_000; i++) {
                seen.add(HexFormat.of().formatHex(seq.next()));
            }
            done.countDown();
        };
        new Thread(worker).start();
        new Thread(worker).start();
        done.await();
        assertThat(seen).hasSize(20_000);
    }
}
