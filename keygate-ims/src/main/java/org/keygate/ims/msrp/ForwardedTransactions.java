package org.keygate.ims.msrp;

import java.util.LinkedHashMap;

/**
 * A relay's transactions toward one receiver (one connection): the transaction ids of the chunks it forwards there,
 * and those chunks while they await their response, at most a bound of them (the oldest is forgotten beyond it).
 *
 * <p>The id of a forwarded chunk is the id it arrived with followed by this receiver's count of forwarded chunks in
 * {@value #COUNTER_CHARS} base-32 characters, when that fits in an ident (RFC 4975 9: at most 32 characters); a fresh
 * random id otherwise. Why this keeps RFC 4975 7.1 with no random draw and no scan of the body per chunk:
 * <ul>
 * <li>Unique: "MUST NOT collide with that of other transactions that exist at the same time". Two derived ids differ
 * in their last {@value #COUNTER_CHARS} characters unless their counts are 32^{@value #COUNTER_CHARS} (2^35) apart,
 * and the transactions alive toward a receiver are among its last {@code maxPendingTransactions} (far fewer); whatever
 * ids the senders chose, even the same one for every chunk. A fresh id (16 random characters, for a received id
 * too long to extend and for the relay's REPORTs) equals another id only by chance (2^-80). The counter starts again
 * for a new connection, which has no transactions yet.</li>
 * <li>Randomness: "Therefore, it MUST contain at least 64 bits of randomness" is the means to that uniqueness for
 * independent senders; the derived id carries the sender's own random id (its 7.1 duty) and the counter makes it
 * unique whatever the sender did.</li>
 * <li>End-line: the body must not contain the end-line. The decoder ended the received body at the first
 * {@code CRLF "-------" receivedId}, so the body holds none, and an id that starts with {@code receivedId} cannot occur
 * either ({@link ChunkBody#provesNoEndLine}): the encoder need not scan, and a sender cannot make the relay frame a
 * chunk of its choosing for the receiver by guessing the relay's next id.</li>
 * </ul>
 * Not thread-safe: used under the {@link ChatRelay}'s lock.
 */
final class ForwardedTransactions<P> {
    /** 35 bits of count: 32^7 forwarded chunks before a derived id repeats. */
    static final int COUNTER_CHARS = 7;
    private static final int IDENT_MAX = 32;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final LinkedHashMap<String, P> awaiting = new LinkedHashMap<>();
    private long forwarded;

    /** The transaction id for the next chunk forwarded to this receiver, which arrived with {@code receivedId}. */
    String nextId(String receivedId, MsrpIdents fresh) {
        long n = forwarded++;
        if (receivedId.length() + COUNTER_CHARS > IDENT_MAX) {
            return fresh.next();
        }
        char[] id = new char[receivedId.length() + COUNTER_CHARS];
        receivedId.getChars(0, receivedId.length(), id, 0);
        for (int i = id.length - 1; i >= receivedId.length(); i--) {
            id[i] = BASE32[(int) (n & 31)];
            n >>>= 5;
        }
        return new String(id);
    }

    /** Remembers a forwarded chunk until its response, forgetting the oldest beyond {@code max}. */
    void await(String transactionId, P pending, int max) {
        if (awaiting.size() >= max) {
            awaiting.pollFirstEntry();
        }
        awaiting.put(transactionId, pending);
    }

    /** The chunk a response answers, or null. */
    P answered(String transactionId) {
        return awaiting.remove(transactionId);
    }
}
