package org.keygate.ims.bfcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FloorControlServerTest {
    static final long CONF = 4321;
    private final FloorControlServer<String> server = new FloorControlServer<>(CONF, Set.of(1, 2), Set.of(10, 20));

    static BfcpMessage request(int tid, int user, BfcpAttribute... attrs) {
        return new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, CONF, tid, user, List.of(attrs));
    }

    static BfcpMessage release(int tid, int user, int floorRequestId) {
        return new BfcpMessage(BfcpPrimitive.FLOOR_RELEASE, CONF, tid, user, List.of(BfcpMessages.floorRequestId(floorRequestId)));
    }

    /** The Floor Request ID and overall status of a FloorRequestStatus (RFC 4582 5.3.4). */
    record Status(int floorRequestId, BfcpRequestStatus status, int queuePosition) {
        static Status of(BfcpMessage m) {
            assertThat(m.primitive()).contains(BfcpPrimitive.FLOOR_REQUEST_STATUS);
            BfcpAttribute.Grouped info = (BfcpAttribute.Grouped) m.all(BfcpAttributeType.FLOOR_REQUEST_INFORMATION).getFirst();
            BfcpAttribute.Grouped overall = (BfcpAttribute.Grouped) info.all(BfcpAttributeType.OVERALL_REQUEST_STATUS).getFirst();
            int rs = ((BfcpAttribute.Fixed) overall.all(BfcpAttributeType.REQUEST_STATUS).getFirst()).value();
            assertThat(overall.id()).isEqualTo(info.id());
            return new Status(info.id(), BfcpRequestStatus.of(rs >> 8).orElseThrow(), rs & 0xFF);
        }
    }

    static int errorCode(BfcpMessage m) {
        assertThat(m.primitive()).contains(BfcpPrimitive.ERROR);
        return ((BfcpAttribute.Octets) m.all(BfcpAttributeType.ERROR_CODE).getFirst()).value()[0];
    }

    @Test
    void helloGetsHelloAckWithWhatTheServerSupports() {
        BfcpMessage hello = new BfcpMessage(BfcpPrimitive.HELLO, CONF, 3, 10, List.of());
        BfcpMessage ack = server.receive("a", hello).getFirst().message();
        assertThat(ack.primitive()).contains(BfcpPrimitive.HELLO_ACK);
        assertThat(ack.transactionId()).isEqualTo(3);
        assertThat(ack.userId()).isEqualTo(10);
        assertThat(ack.conferenceId()).isEqualTo(CONF);
        byte[] prims = ((BfcpAttribute.Octets) ack.all(BfcpAttributeType.SUPPORTED_PRIMITIVES).getFirst()).value();
        assertThat(prims).contains(1, 2, 4, 11, 12, 13);
        assertThat(ack.all(BfcpAttributeType.SUPPORTED_ATTRIBUTES)).hasSize(1);
    }

    @Test
    void aFreeFloorIsGrantedAQueuedOneFollowsOnRelease() {
        List<BfcpDelivery<String>> first = server.receive("a", request(1, 10, BfcpMessages.floorId(1)));
        Status granted = Status.of(first.getFirst().message());
        assertThat(granted.status()).isEqualTo(BfcpRequestStatus.GRANTED);
        assertThat(first.getFirst().message().transactionId()).isEqualTo(1);
        assertThat(server.holder(1)).isEqualTo(10);

        Status queued = Status.of(server.receive("b", request(1, 20, BfcpMessages.floorId(1))).getFirst().message());
        assertThat(queued.status()).isEqualTo(BfcpRequestStatus.ACCEPTED);
        assertThat(queued.queuePosition()).isEqualTo(1);
        assertThat(queued.floorRequestId()).isNotEqualTo(granted.floorRequestId());

        List<BfcpDelivery<String>> released = server.receive("a", release(2, 10, granted.floorRequestId()));
        assertThat(released).hasSize(2);
        assertThat(released.get(0).connection()).isEqualTo("a");
        assertThat(Status.of(released.get(0).message()).status()).isEqualTo(BfcpRequestStatus.RELEASED);
        assertThat(released.get(1).connection()).isEqualTo("b");
        BfcpMessage notification = released.get(1).message();
        assertThat(notification.transactionId()).isZero();
        assertThat(Status.of(notification)).isEqualTo(new Status(queued.floorRequestId(), BfcpRequestStatus.GRANTED, 0));
        assertThat(server.holder(1)).isEqualTo(20);
    }

    @Test
    void releasingAQueuedRequestCancelsIt() {
        server.receive("a", request(1, 10, BfcpMessages.floorId(1)));
        Status queued = Status.of(server.receive("b", request(1, 20, BfcpMessages.floorId(1))).getFirst().message());
        Status cancelled = Status.of(server.receive("b", release(2, 20, queued.floorRequestId())).getFirst().message());
        assertThat(cancelled.status()).isEqualTo(BfcpRequestStatus.CANCELLED);
        assertThat(server.holder(1)).isEqualTo(10);
    }

    @Test
    void aClosedConnectionReleasesItsFloorsToTheQueue() {
        server.receive("a", request(1, 10, BfcpMessages.floorId(1)));
        server.receive("b", request(1, 20, BfcpMessages.floorId(1)));
        List<BfcpDelivery<String>> out = server.closed("a");
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.connection()).isEqualTo("b");
            assertThat(Status.of(d.message()).status()).isEqualTo(BfcpRequestStatus.GRANTED);
        });
    }

    @Test
    void errorsCarryTheirRfcCodes() {
        assertThat(errorCode(server.receive("a", new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, CONF + 1, 1, 10,
                List.of(BfcpMessages.floorId(1)))).getFirst().message())).isEqualTo(1);
        assertThat(errorCode(server.receive("x", request(1, 99, BfcpMessages.floorId(1))).getFirst().message())).isEqualTo(2);
        assertThat(errorCode(server.receive("a", new BfcpMessage(BfcpPrimitive.FLOOR_QUERY, CONF, 1, 10, List.of()))
                .getFirst().message())).isEqualTo(3);
        assertThat(errorCode(server.receive("a", new BfcpMessage(200, CONF, 1, 10, List.of())).getFirst().message())).isEqualTo(3);
        BfcpMessage mandatory = server.receive("a", request(1, 10, BfcpMessages.floorId(1),
                new BfcpAttribute.Unknown(100, true, new byte[2]))).getFirst().message();
        assertThat(((BfcpAttribute.Octets) mandatory.all(BfcpAttributeType.ERROR_CODE).getFirst()).value())
                .containsExactly(4, 200);
        assertThat(errorCode(server.receive("a", request(1, 10, BfcpMessages.floorId(9))).getFirst().message())).isEqualTo(6);
        assertThat(errorCode(server.receive("a", release(2, 10, 777)).getFirst().message())).isEqualTo(7);
        server.receive("a", request(3, 10, BfcpMessages.floorId(2)));
        assertThat(errorCode(server.receive("a", request(4, 10, BfcpMessages.floorId(2))).getFirst().message())).isEqualTo(8);
        assertThat(errorCode(server.receive("a", request(5, 10, BfcpMessages.floorId(1),
                new BfcpAttribute.Fixed(BfcpAttributeType.BENEFICIARY_ID, 20))).getFirst().message())).isEqualTo(5);
        assertThat(errorCode(server.receive("a", request(6, 10)).getFirst().message())).isEqualTo(10);
        assertThat(errorCode(server.receive("a", request(0, 10, BfcpMessages.floorId(1))).getFirst().message())).isEqualTo(10);
    }

    @Test
    void aConnectionSpeaksForOneUserOnly() {
        server.bind("a", 10);
        assertThat(errorCode(server.receive("a", request(1, 20, BfcpMessages.floorId(1))).getFirst().message())).isEqualTo(5);
        Status granted = Status.of(server.receive("b", request(1, 20, BfcpMessages.floorId(1))).getFirst().message());
        // user 10 cannot release user 20's request, and a second connection for user 20 is refused
        assertThat(errorCode(server.receive("a", release(2, 10, granted.floorRequestId())).getFirst().message())).isEqualTo(5);
        assertThat(errorCode(server.receive("c", new BfcpMessage(BfcpPrimitive.HELLO, CONF, 1, 20, List.of()))
                .getFirst().message())).isEqualTo(5);
        assertThat(server.holder(1)).isEqualTo(20);
    }
}
