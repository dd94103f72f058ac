package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The transaction ids of relayed chunks (RFC 4975 7.1): unique per receiver whatever the senders chose, idents, and
 * framed so that the body cannot hold the end-line, which the encoder then does not scan for.
 */
class ForwardedTransactionsTest {
    private static final MsrpUri RELAY = MsrpUri.secure("127.0.0.1:2855", "relay1");
    private static final MsrpUri PEER = MsrpUri.secure("127.0.0.1:40001", "peer1");

    @Test
    void idsExtendTheReceivedIdWithACountAndStayUniqueWhenASenderRepeatsItsId() {
        ForwardedTransactions<String> toBob = new ForwardedTransactions<>();
        MsrpIdents fresh = new MsrpIdents();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(toBob.nextId("same1234", fresh));
        }
        assertThat(ids).hasSize(100_000).allMatch(id -> id.startsWith("same1234") && MsrpGrammar.isIdent(id)
                && id.length() == 8 + ForwardedTransactions.COUNTER_CHARS);
        assertThat(new ForwardedTransactions<String>().nextId("abcd", fresh)).isEqualTo("abcdaaaaaaa");
        ForwardedTransactions<String> counted = new ForwardedTransactions<>();
        counted.nextId("abcd", fresh);
        assertThat(counted.nextId("abcd", fresh)).isEqualTo("abcdaaaaaab"); // base 32: a=0, b=1
    }

    @Test
    void aReceivedIdTooLongToExtendGetsAFreshOne() {
        String longest = "a".repeat(32 - ForwardedTransactions.COUNTER_CHARS);
        ForwardedTransactions<String> t = new ForwardedTransactions<>();
        assertThat(t.nextId(longest, new MsrpIdents())).hasSize(32).startsWith(longest);
        String tooLong = longest + "b";
        String id = t.nextId(tooLong, new MsrpIdents());
        assertThat(id).hasSize(16).doesNotStartWith("aaaa");
        assertThat(MsrpGrammar.isIdent(id)).isTrue();
    }

    @Test
    void theOldestAwaitedChunkIsForgottenBeyondTheBound() {
        ForwardedTransactions<String> t = new ForwardedTransactions<>();
        t.await("t1", "one", 2);
        t.await("t2", "two", 2);
        t.await("t3", "three", 2);
        assertThat(t.answered("t1")).isNull();
        assertThat(t.answered("t2")).isEqualTo("two");
        assertThat(t.answered("t2")).isNull();
        assertThat(t.answered("t3")).isEqualTo("three");
    }

    /**
     * Bodies full of near misses of the end-line ({@code CRLF}, dashes, the id's letters), each decoded with the id
     * {@code abcd}, then encoded under {@code abcd} plus a count without the encoder's scan: the body, checked here by
     * a plain search, never holds the new end-line, and the encoded chunk decodes to the same body.
     */
    @Test
    void aDecodedBodyNeverHoldsTheEndLineOfAnIdThatExtendsItsOwn() {
        Random random = new Random(20);
        String alphabet = "\r\n-abcdx$+#";
        ForwardedTransactions<String> ids = new ForwardedTransactions<>();
        MsrpIdents fresh = new MsrpIdents();
        int checked = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Optional<MsrpRequest> decoded = decodeOne(wire("abcd", b.toString()));
            if (decoded.isEmpty()) {
                continue; // the body held the end-line: refused or cut short, as RFC 4975 7.1 wants
            }
            checked++;
            MsrpRequest received = decoded.get();
            String next = ids.nextId(received.transactionId(), fresh);
            assertThat(received.chunkBody().provesNoEndLine(next)).isTrue();
            String body = new String(received.body(), StandardCharsets.ISO_8859_1);
            assertThat(body).doesNotContain("\r\n-------" + next);
            MsrpRequest forwarded = new MsrpRequest(next, "SEND", List.of(PEER), List.of(RELAY), List.of(),
                    Optional.of("text/plain"), received.chunkBody(), received.continuation());
            assertThat(decodeOne(MsrpEncoder.encode(forwarded))).contains(forwarded);
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void aBodyIsStillScannedForAnIdThatDoesNotExtendTheOneThatFramedIt() {
        MsrpRequest decoded = decodeOne(wire("zzzz", "x\r\n-------abcdaaaaaaa$\r\n")).orElseThrow();
        assertThat(decoded.chunkBody().provesNoEndLine("abcdaaaaaaa")).isFalse();
        MsrpRequest forwarded = new MsrpRequest("abcdaaaaaaa", "SEND", List.of(PEER), List.of(RELAY), List.of(),
                Optional.of("text/plain"), decoded.chunkBody(), Continuation.END);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MsrpEncoder.encode(forwarded))
                .hasMessageContaining("end-line");
    }

    private static byte[] wire(String tid, String body) {
        return ("MSRP " + tid + " SEND\r\nTo-Path: " + RELAY + "\r\nFrom-Path: " + PEER
                + "\r\nMessage-ID: m1234\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n-------" + tid + "$\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The one request the wire decodes to, or empty if it decodes to anything else. */
    private static Optional<MsrpRequest> decodeOne(byte[] wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        Object first = ch.readInbound();
        Object second = ch.readInbound();
        ch.finishAndReleaseAll();
        return first instanceof MsrpRequest r && second == null ? Optional.of(r) : Optional.empty();
    }
}
