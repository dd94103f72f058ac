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

    @Test
    void receiverReadsSeqBackAndRefusesForeignSalts() {
        IvSalt salt = exampleParallelRequestSalt();
        HexFormat hex = HexFormat.of();
        assertThat(NonceSequence.seqOf(salt, hex.parseHex("0c798f042ed6db5e00000000"))).isZero();
        assertThat(NonceSequence.seqOf(salt, hex.parseHex("0c798f042ed6db5e01020304"))).isEqualTo(0x01020304L);
        assertThat(NonceSequence.seqOf(salt, hex.parseHex("0c798f042ed6db5effffffff"))).isEqualTo(0xFFFFFFFFL);
        assertThatThrownBy(() -> NonceSequence.seqOf(salt, hex.parseHex("0c798f042ed6db5f00000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt does not match");
        assertThatThrownBy(() -> NonceSequence.seqOf(salt, hex.parseHex("0c798f042ed6db5e000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
    }

    @Test
    void exhaustionStaysPutUnderConcurrency() throws Exception {
        NonceSequence seq = NonceSequence.startingAt(new IvSalt(SecretBytes.copyOf(new byte[8])), 0xFFFFFFFFL - 99);
        java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch done = new CountDownLatch(4);
        Runnable worker = () -> {
            for (int i = 0; i < 50; i++) {
                try {
                    seq.next();
                    issued.incrementAndGet();
                } catch (NonceSequenceExhaustedException e) {
                    refused.incrementAndGet();
                }
            }
            done.countDown();
        };
        for (int t = 0; t < 4; t++) {
            new Thread(worker).start();
        }
        assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(issued.get()).isEqualTo(100);
        assertThat(refused.get()).isEqualTo(100);
    }
}
