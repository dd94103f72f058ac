package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatRelayTest {
    static final MsrpUri RELAY_A = MsrpUri.secure("mrfp.example:2855", "relayForA");
    static final MsrpUri RELAY_B = MsrpUri.secure("mrfp.example:2855", "relayForB");
    static final MsrpUri RELAY_C = MsrpUri.secure("mrfp.example:2855", "relayForC");
    static final MsrpUri ALICE = MsrpUri.secure("alice.example:7777", "alice1");
    static final MsrpUri BOB = MsrpUri.secure("bob.example:8888", "bob1");
    static final MsrpUri CAROL = MsrpUri.secure("carol.example:9999", "carol1");

    private final ChatRelay<String> relay = new ChatRelay<>(List.of(new ChatParticipant("alice", RELAY_A, ALICE),
            new ChatParticipant("bob", RELAY_B, BOB), new ChatParticipant("carol", RELAY_C, CAROL)),
            ChatRelayLimits.DEFAULT, new MsrpIdents());

    private static MsrpRequest send(String tid, MsrpUri to, MsrpUri from, String messageId, String range, String body,
            Continuation flag, MsrpHeader... extra) {
        List<MsrpHeader> headers = new ArrayList<>(List.of(new MsrpHeader("Message-ID", messageId), new MsrpHeader("Byte-Range", range)));
        headers.addAll(List.of(extra));
        return new MsrpRequest(tid, "SEND", List.of(to), List.of(from), headers,
                body == null ? Optional.empty() : Optional.of("text/plain"),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), flag);
    }

    /** The empty SEND that binds a connection (RFC 4975 5.4: the active side sends one at once). */
    private void connect(String conn, MsrpUri relayUri, MsrpUri own) {
        List<MsrpDelivery<String>> out = relay.receive(conn, send("bind" + conn, relayUri, own, "bindmsg" + conn, "1-0/0", null, Continuation.END));
        assertThat(out).singleElement().satisfies(d -> assertThat(((MsrpResponse) d.message()).status()).isEqualTo(200));
    }

    @Test
    void chunksAreForwardedToEveryOtherParticipantAndASuccessReportFollowsTheWholeMessage() {
        connect("ca", RELAY_A, ALICE);
        connect("cb", RELAY_B, BOB);
        connect("cc", RELAY_C, CAROL);
        MsrpHeader success = new MsrpHeader("Success-Report", "yes");
        List<MsrpDelivery<String>> first = relay.receive("ca", send("t1aaaa", RELAY_A, ALICE, "msg1", "1-5/10", "Hello", Continuation.MORE, success));
        assertThat(first).hasSize(3);
        assertThat(first.get(0).connection()).isEqualTo("ca");
        MsrpResponse ok = (MsrpResponse) first.get(0).message();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.transactionId()).isEqualTo("t1aaaa");
        assertThat(ok.toPath()).containsExactly(ALICE);
        assertThat(ok.fromPath()).containsExactly(RELAY_A);
        MsrpRequest toBob = (MsrpRequest) first.get(1).message();
        assertThat(first.get(1).connection()).isEqualTo("cb");
        assertThat(toBob.toPath()).containsExactly(BOB);
        assertThat(toBob.fromPath()).containsExactly(RELAY_B);
        assertThat(toBob.header("Message-ID")).contains("msg1");
        assertThat(toBob.header("Byte-Range")).contains("1-5/10");
        assertThat(toBob.continuation()).isEqualTo(Continuation.MORE);
        assertThat(new String(toBob.body(), StandardCharsets.UTF_8)).isEqualTo("Hello");
        assertThat(toBob.transactionId()).isNotEqualTo("t1aaaa");
        assertThat(first.get(2).connection()).isEqualTo("cc");

        List<MsrpDelivery<String>> second = relay.receive("ca", send("t2aaaa", RELAY_A, ALICE, "msg1", "6-10/10", "World", Continuation.END, success));
        assertThat(second).hasSize(4);
        MsrpRequest report = (MsrpRequest) second.get(3).message();
        assertThat(second.get(3).connection()).isEqualTo("ca");
        assertThat(report.method()).isEqualTo("REPORT");
        assertThat(report.toPath()).containsExactly(ALICE);
        assertThat(report.header("Message-ID")).contains("msg1");
        assertThat(report.header("Byte-Range")).contains("1-10/10");
        assertThat(report.header("Status")).contains("000 200 OK");
    }

    /** RFC 4975 7.1: the relay's transactions toward a receiver stay apart even if a sender reuses one id. */
    @Test
    void aSenderReusingItsTransactionIdStillGetsEveryFailureReportedOnce() {
        connect("ca", RELAY_A, ALICE);
        connect("cb", RELAY_B, BOB);
        MsrpRequest first = (MsrpRequest) relay.receive("ca", send("same1234", RELAY_A, ALICE, "msg1", "1-1/1", "a",
                Continuation.END)).get(1).message();
        MsrpRequest second = (MsrpRequest) relay.receive("ca", send("same1234", RELAY_A, ALICE, "msg2", "1-1/1", "b",
                Continuation.END)).get(1).message();
        assertThat(first.transactionId()).isNotEqualTo(second.transactionId()).startsWith("same1234");
        for (MsrpRequest forwarded : List.of(second, first)) {
            List<MsrpDelivery<String>> out = relay.receive("cb", MsrpResponse.to(forwarded, MsrpStatus.STOP_SENDING));
            assertThat(out).singleElement().satisfies(d -> assertThat(((MsrpRequest) d.message()).header("Message-ID"))
                    .isEqualTo(forwarded.header("Message-ID")));
        }
        assertThat(relay.receive("cb", MsrpResponse.to(first, MsrpStatus.STOP_SENDING))).isEmpty();
    }

    @Test
    void noSuccessReportWhileBytesAreMissing() {
        connect("ca", RELAY_A, ALICE);
        MsrpHeader success = new MsrpHeader("Success-Report", "yes");
        relay.receive("ca", send("t1aaaa", RELAY_A, ALICE, "msg1", "6-10/10", "World", Continuation.END, success));
        List<MsrpDelivery<String>> out = relay.receive("ca", send("t2aaaa", RELAY_A, ALICE, "msg1", "1-4/10", "Hell", Continuation.END, success));
        assertThat(out).extracting(d -> d.message() instanceof MsrpRequest r ? r.method() : "response").containsExactly("response");
        out = relay.receive("ca", send("t3aaaa", RELAY_A, ALICE, "msg1", "5-5/10", "o", Continuation.END, success));
        assertThat(out).extracting(d -> d.message() instanceof MsrpRequest r ? r.method() : "response").containsExactly("response", "REPORT");
    }

    @Test
    void anErrorFromAReceiverReachesTheSenderAsAFailureReport() {
        connect("ca", RELAY_A, ALICE);
        connect("cb", RELAY_B, BOB);
        List<MsrpDelivery<String>> out = relay.receive("ca", send("t1aaaa", RELAY_A, ALICE, "msg7", "1-2/2", "hi", Continuation.END));
        MsrpRequest toBob = (MsrpRequest) out.get(1).message();
        MsrpResponse refusal = new MsrpResponse(toBob.transactionId(), 415, Optional.of("no thanks"), List.of(RELAY_B), List.of(BOB), List.of());
        List<MsrpDelivery<String>> reports = relay.receive("cb", refusal);
        assertThat(reports).singleElement().satisfies(d -> {
            assertThat(d.connection()).isEqualTo("ca");
            MsrpRequest r = (MsrpRequest) d.message();
            assertThat(r.method()).isEqualTo("REPORT");
            assertThat(r.header("Status")).contains("000 415 no thanks");
            assertThat(r.header("Message-ID")).contains("msg7");
        });
        // the same response again matches nothing
        assertThat(relay.receive("cb", refusal)).isEmpty();
    }

    @Test
    void noFailureReportWhenTheSenderAskedForNone() {
        connect("ca", RELAY_A, ALICE);
        connect("cb", RELAY_B, BOB);
        List<MsrpDelivery<String>> out = relay.receive("ca",
                send("t1aaaa", RELAY_A, ALICE, "msg7", "1-2/2", "hi", Continuation.END, new MsrpHeader("Failure-Report", "no")));
        assertThat(out).singleElement().satisfies(d -> assertThat(d.connection()).isEqualTo("cb"));
        MsrpRequest toBob = (MsrpRequest) out.getFirst().message();
        assertThat(relay.receive("cb", new MsrpResponse(toBob.transactionId(), 413, Optional.empty(), List.of(RELAY_B), List.of(BOB), List.of()))).isEmpty();
    }

    @Test
    void partialFailureReportGetsOnlyErrors() {
        connect("ca", RELAY_A, ALICE);
        MsrpHeader partial = new MsrpHeader("Failure-Report", "partial");
        assertThat(relay.receive("ca", send("t1aaaa", RELAY_A, ALICE, "msg1", "1-2/2", "hi", Continuation.END, partial))).isEmpty();
        MsrpRequest html = new MsrpRequest("t2aaaa", "SEND", List.of(RELAY_A), List.of(ALICE),
                List.of(new MsrpHeader("Message-ID", "msg2"), partial), Optional.of("text/html"), "<p>".getBytes(StandardCharsets.US_ASCII), Continuation.END);
        assertThat(relay.receive("ca", html)).singleElement().satisfies(d -> assertThat(((MsrpResponse) d.message()).status()).isEqualTo(415));
    }

    @Test
    void unknownSessionGets481AndBindsNothing() {
        List<MsrpDelivery<String>> out = relay.receive("cx", send("t1aaaa", MsrpUri.secure("mrfp.example:2855", "nope"), ALICE, "m1234", "1-0/0", null, Continuation.END));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(481);
        assertThat(relay.connected("alice")).isFalse();
    }

    @Test
    void aSessionBoundElsewhereGets506() {
        connect("ca", RELAY_A, ALICE);
        List<MsrpDelivery<String>> out = relay.receive("evil", send("t1aaaa", RELAY_A, ALICE, "m1234", "1-0/0", null, Continuation.END));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(506);
    }

    @Test
    void anotherParticipantsSessionOnABoundConnectionGets481() {
        relay.bind("ca", "alice");
        List<MsrpDelivery<String>> out = relay.receive("ca", send("t1aaaa", RELAY_B, BOB, "m1234", "1-0/0", null, Continuation.END));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(481);
        assertThat(relay.connected("bob")).isFalse();
    }

    @Test
    void aForeignFromPathGets403() {
        List<MsrpDelivery<String>> out = relay.receive("ca", send("t1aaaa", RELAY_A, BOB, "m1234", "1-0/0", null, Continuation.END));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(403);
    }

    @Test
    void sendWithoutMessageIdGets400UnknownMethodGets501AndReportGetsNothing() {
        connect("ca", RELAY_A, ALICE);
        MsrpRequest noId = new MsrpRequest("t1aaaa", "SEND", List.of(RELAY_A), List.of(ALICE), List.of(), Optional.empty(), new byte[0], Continuation.END);
        assertThat(((MsrpResponse) relay.receive("ca", noId).getFirst().message()).status()).isEqualTo(400);
        MsrpRequest other = new MsrpRequest("t2aaaa", "AUTH", List.of(RELAY_A), List.of(ALICE), List.of(), Optional.empty(), new byte[0], Continuation.END);
        MsrpResponse unknown = (MsrpResponse) relay.receive("ca", other).getFirst().message();
        assertThat(unknown.status()).isEqualTo(501);
        assertThat(unknown.toPath()).containsExactly(ALICE);
        MsrpRequest report = new MsrpRequest("t3aaaa", "REPORT", List.of(RELAY_A), List.of(ALICE),
                List.of(new MsrpHeader("Message-ID", "msg1"), new MsrpHeader("Status", "000 200 OK")), Optional.empty(), new byte[0], Continuation.END);
        assertThat(relay.receive("ca", report)).isEmpty();
    }

    @Test
    void tooLargeMessagesGet413() {
        ChatRelay<String> small = new ChatRelay<>(List.of(new ChatParticipant("alice", RELAY_A, ALICE)),
                new ChatRelayLimits(8, 1, 4, ChatRelayLimits.DEFAULT_CONTENT_TYPES), new MsrpIdents());
        List<MsrpDelivery<String>> out = small.receive("ca", send("t1aaaa", RELAY_A, ALICE, "msg1", "1-5/100", "Hello", Continuation.MORE));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(413);
        out = small.receive("ca", send("t2aaaa", RELAY_A, ALICE, "msg2", "7-11/*", "Hello", Continuation.MORE));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(413);
        // a second message in progress beyond maxMessagesInProgress, when reports are wanted
        MsrpHeader success = new MsrpHeader("Success-Report", "yes");
        small.receive("ca", send("t3aaaa", RELAY_A, ALICE, "msg3", "1-2/4", "He", Continuation.MORE, success));
        out = small.receive("ca", send("t4aaaa", RELAY_A, ALICE, "msg4", "1-2/4", "He", Continuation.MORE, success));
        assertThat(((MsrpResponse) out.getFirst().message()).status()).isEqualTo(413);
    }

    @Test
    void aClosedConnectionFreesItsSession() {
        connect("ca", RELAY_A, ALICE);
        relay.closed("ca");
        assertThat(relay.connected("alice")).isFalse();
        connect("ca2", RELAY_A, ALICE);
        assertThat(relay.connected("alice")).isTrue();
    }

    @Test
    void chunkerSplitsAndTheRelayReassemblesForTheReport() {
        connect("ca", RELAY_A, ALICE);
        byte[] message = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        List<MsrpRequest> chunks = new MsrpChunker(new MsrpIdents(), MsrpChunker.DEFAULT_CHUNK_BYTES)
                .chunks(RELAY_A, ALICE, "bigmsg1", "text/plain", message, List.of(new MsrpHeader("Success-Report", "yes")));
        assertThat(chunks).extracting(c -> c.header("Byte-Range").orElseThrow())
                .containsExactly("1-2048/5000", "2049-4096/5000", "4097-5000/5000");
        assertThat(chunks).extracting(MsrpRequest::continuation).containsExactly(Continuation.MORE, Continuation.MORE, Continuation.END);
        List<MsrpDelivery<String>> last = List.of();
        for (MsrpRequest c : chunks) {
            last = relay.receive("ca", c);
        }
        assertThat(last).extracting(d -> d.message() instanceof MsrpRequest r ? r.header("Byte-Range").orElseThrow() : "response")
                .containsExactly("response", "1-5000/5000");
    }
}
