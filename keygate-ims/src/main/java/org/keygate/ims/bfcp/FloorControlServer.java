package org.keygate.ims.bfcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BFCP floor control server for one conference (RFC 4582 13), without I/O: the caller passes in decoded messages
 * with their connection and writes out the returned {@link BfcpDelivery}s.
 *
 * <p>Policy (RFC 4582 leaves it to the server, 13.1.1): no chair; a floor has at most one holder; a request whose
 * floors are all free is Granted at once, otherwise Accepted with its queue position and Granted (in a notification
 * with Transaction ID 0, 13.1.2) when the floors free up, first come first served. One ongoing request per user and
 * floor (error 8). Third-party requests (BENEFICIARY-ID) need a chair and are refused (error 5).
 *
 * <p>Authorization (RFC 4582 9): a connection is bound to one User ID, either beforehand ({@link #bind}, e.g. from
 * the TLS-PSK identity of the media stream) or by its first message; messages with another User ID get error 5.
 * Supported primitives: Hello, FloorRequest, FloorRelease; others get error 3 (RFC 4582 13). Unknown attributes with
 * the M bit get error 4 listing them (RFC 4582 13 says "Error code 2 (Authentication Failed)" there; Table 5 and
 * 5.2.6.1 make 4 the code for it, which is used). A closed connection releases its user's requests.
 *
 * <p>Thread-safe (one lock).
 */
public final class FloorControlServer<C> {
    public static final List<BfcpPrimitive> SUPPORTED_PRIMITIVES = List.of(BfcpPrimitive.FLOOR_REQUEST,
            BfcpPrimitive.FLOOR_RELEASE, BfcpPrimitive.FLOOR_REQUEST_STATUS, BfcpPrimitive.HELLO,
            BfcpPrimitive.HELLO_ACK, BfcpPrimitive.ERROR);

    private final long conferenceId;
    private final Set<Integer> floors;
    private final Set<Integer> users = new HashSet<>();
    private final Map<C, Integer> userOf = new HashMap<>();
    private final Map<Integer, C> connectionOf = new HashMap<>();
    private final Map<Integer, FloorRequest> requests = new LinkedHashMap<>();
    private final Map<Integer, Integer> holderRequest = new HashMap<>();
    private final Deque<Integer> queue = new ArrayDeque<>();
    private int nextFloorRequestId = 1;

    private static final class FloorRequest {
        final int id;
        final int userId;
        final List<Integer> floors;
        boolean granted;

        FloorRequest(int id, int userId, List<Integer> floors) {
            this.id = id;
            this.userId = userId;
            this.floors = floors;
        }
    }

    public FloorControlServer(long conferenceId, Set<Integer> floorIds, Set<Integer> userIds) {
        if (floorIds.isEmpty()) {
            throw new IllegalArgumentException("a conference needs at least one floor");
        }
        this.conferenceId = conferenceId;
        this.floors = Set.copyOf(floorIds);
        this.users.addAll(userIds);
    }

    public long conferenceId() {
        return conferenceId;
    }

    public synchronized void addUser(int userId) {
        users.add(userId);
    }

    public synchronized void bind(C connection, int userId) {
        if (!users.contains(userId)) {
            throw new IllegalArgumentException("no user " + userId);
        }
        userOf.put(connection, userId);
        connectionOf.put(userId, connection);
    }

    /** The User ID holding {@code floorId}, or -1. */
    public synchronized int holder(int floorId) {
        Integer request = holderRequest.get(floorId);
        return request == null ? -1 : requests.get(request).userId;
    }

    public synchronized List<BfcpDelivery<C>> receive(C connection, BfcpMessage m) {
        List<BfcpDelivery<C>> out = new ArrayList<>();
        BfcpPrimitive primitive = m.primitive().orElse(null);
        if (primitive == null || !List.of(BfcpPrimitive.HELLO, BfcpPrimitive.FLOOR_REQUEST, BfcpPrimitive.FLOOR_RELEASE)
                .contains(primitive)) {
            return error(connection, m, BfcpErrorCode.UNKNOWN_PRIMITIVE, "primitive " + m.primitiveCode() + " not served");
        }
        if (m.conferenceId() != conferenceId) {
            return error(connection, m, BfcpErrorCode.CONFERENCE_DOES_NOT_EXIST, "no such conference");
        }
        List<Integer> unknownMandatory = m.attributes().stream()
                .filter(a -> a instanceof BfcpAttribute.Unknown u && u.mandatory()).map(BfcpAttribute::typeCode).toList();
        if (!unknownMandatory.isEmpty()) {
            out.add(new BfcpDelivery<>(connection, m.reply(BfcpPrimitive.ERROR,
                    List.of(BfcpMessages.unknownMandatory(unknownMandatory)))));
            return out;
        }
        Integer bound = userOf.get(connection);
        if (bound == null) {
            if (!users.contains(m.userId())) {
                return error(connection, m, BfcpErrorCode.USER_DOES_NOT_EXIST, "no such user");
            }
            if (connectionOf.containsKey(m.userId())) {
                // RFC 4582 6: one connection per client and conference
                return error(connection, m, BfcpErrorCode.UNAUTHORIZED_OPERATION, "user already connected");
            }
            userOf.put(connection, m.userId());
            connectionOf.put(m.userId(), connection);
        } else if (bound != m.userId()) {
            return error(connection, m, BfcpErrorCode.UNAUTHORIZED_OPERATION, "User ID not this connection's");
        }
        if (m.transactionId() == 0) {
            // RFC 4582 8.1: client transactions never use 0
            return error(connection, m, BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE, "Transaction ID 0 from a client");
        }
        switch (primitive) {
            case HELLO -> out.add(new BfcpDelivery<>(connection, m.reply(BfcpPrimitive.HELLO_ACK,
                    List.of(BfcpMessages.supportedPrimitives(SUPPORTED_PRIMITIVES),
                            BfcpMessages.supportedAttributes(List.of(BfcpAttributeType.values()))))));
            case FLOOR_REQUEST -> floorRequest(connection, m, out);
            case FLOOR_RELEASE -> floorRelease(connection, m, out);
            default -> throw new AssertionError(primitive);
        }
        return out;
    }

    private void floorRequest(C connection, BfcpMessage m, List<BfcpDelivery<C>> out) {
        List<Integer> wanted = m.all(BfcpAttributeType.FLOOR_ID).stream().map(a -> ((BfcpAttribute.Fixed) a).value())
                .distinct().toList();
        if (wanted.isEmpty()) {
            // RFC 4582 5.3.1: 1*(FLOOR-ID)
            out.addAll(error(connection, m, BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE, "FloorRequest without FLOOR-ID"));
            return;
        }
        if (!m.all(BfcpAttributeType.BENEFICIARY_ID).isEmpty()) {
            out.addAll(error(connection, m, BfcpErrorCode.UNAUTHORIZED_OPERATION, "third-party requests need a chair"));
            return;
        }
        for (int floor : wanted) {
            if (!floors.contains(floor)) {
                out.addAll(error(connection, m, BfcpErrorCode.INVALID_FLOOR_ID, "no floor " + floor));
                return;
            }
            boolean ongoing = requests.values().stream().anyMatch(r -> r.userId == m.userId() && r.floors.contains(floor));
            if (ongoing) {
                out.addAll(error(connection, m, BfcpErrorCode.MAX_ONGOING_FLOOR_REQUESTS, "one request per floor"));
                return;
            }
        }
        if (requests.size() >= 0xFFFF) {
            out.addAll(error(connection, m, BfcpErrorCode.MAX_ONGOING_FLOOR_REQUESTS, "server request table full"));
            return;
        }
        FloorRequest request = new FloorRequest(allocateId(), m.userId(), wanted);
        requests.put(request.id, request);
        if (free(request)) {
            grant(request);
            out.add(new BfcpDelivery<>(connection, m.reply(BfcpPrimitive.FLOOR_REQUEST_STATUS, List.of(
                    BfcpMessages.floorRequestInformation(request.id, BfcpRequestStatus.GRANTED, 0, request.floors)))));
        } else {
            queue.addLast(request.id);
            out.add(new BfcpDelivery<>(connection, m.reply(BfcpPrimitive.FLOOR_REQUEST_STATUS, List.of(
                    BfcpMessages.floorRequestInformation(request.id, BfcpRequestStatus.ACCEPTED,
                            Math.min(queue.size(), 255), request.floors)))));
        }
    }

    private void floorRelease(C connection, BfcpMessage m, List<BfcpDelivery<C>> out) {
        List<BfcpAttribute> ids = m.all(BfcpAttributeType.FLOOR_REQUEST_ID);
        if (ids.size() != 1) {
            // RFC 4582 5.3.2: exactly one FLOOR-REQUEST-ID
            out.addAll(error(connection, m, BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE, "FloorRelease needs one FLOOR-REQUEST-ID"));
            return;
        }
        int id = ((BfcpAttribute.Fixed) ids.getFirst()).value();
        FloorRequest request = requests.get(id);
        if (request == null) {
            out.addAll(error(connection, m, BfcpErrorCode.FLOOR_REQUEST_ID_DOES_NOT_EXIST, "no floor request " + id));
            return;
        }
        if (request.userId != m.userId()) {
            out.addAll(error(connection, m, BfcpErrorCode.UNAUTHORIZED_OPERATION, "floor request of another user"));
            return;
        }
        BfcpRequestStatus status = end(request);
        out.add(new BfcpDelivery<>(connection, m.reply(BfcpPrimitive.FLOOR_REQUEST_STATUS,
                List.of(BfcpMessages.floorRequestInformation(id, status, 0, request.floors)))));
        promote(out);
    }

    /** Forgets a closed connection and ends its user's floor requests, granting queued ones. */
    public synchronized List<BfcpDelivery<C>> closed(C connection) {
        List<BfcpDelivery<C>> out = new ArrayList<>();
        Integer user = userOf.remove(connection);
        if (user == null) {
            return out;
        }
        connectionOf.remove(user);
        for (FloorRequest r : List.copyOf(requests.values())) {
            if (r.userId == user) {
                end(r);
            }
        }
        promote(out);
        return out;
    }

    private BfcpRequestStatus end(FloorRequest request) {
        requests.remove(request.id);
        queue.remove(request.id);
        if (request.granted) {
            request.floors.forEach(holderRequest::remove);
            return BfcpRequestStatus.RELEASED;
        }
        return BfcpRequestStatus.CANCELLED;
    }

    /** RFC 4582 13.1.2: later status changes go out with Transaction ID 0. */
    private void promote(List<BfcpDelivery<C>> out) {
        for (Integer id : List.copyOf(queue)) {
            FloorRequest r = requests.get(id);
            if (free(r)) {
                queue.remove(id);
                grant(r);
                C target = connectionOf.get(r.userId);
                if (target != null) {
                    out.add(new BfcpDelivery<>(target, new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST_STATUS, conferenceId,
                            0, r.userId, List.of(BfcpMessages.floorRequestInformation(r.id, BfcpRequestStatus.GRANTED, 0,
                                    r.floors)))));
                }
            }
        }
    }

    private boolean free(FloorRequest r) {
        return r.floors.stream().noneMatch(holderRequest::containsKey);
    }

    private void grant(FloorRequest r) {
        r.granted = true;
        r.floors.forEach(f -> holderRequest.put(f, r.id));
    }

    private int allocateId() {
        while (nextFloorRequestId == 0 || requests.containsKey(nextFloorRequestId)) {
            nextFloorRequestId = (nextFloorRequestId + 1) & 0xFFFF;
        }
        int id = nextFloorRequestId;
        nextFloorRequestId = (nextFloorRequestId + 1) & 0xFFFF;
        return id;
    }

    private List<BfcpDelivery<C>> error(C connection, BfcpMessage m, BfcpErrorCode code, String info) {
        return List.of(new BfcpDelivery<>(connection, m.reply(BfcpPrimitive.ERROR,
                List.of(BfcpMessages.errorCode(code), BfcpMessages.errorInfo(info)))));
    }
}
