package org.keygate.ims.msrp;

import java.util.Locale;
import java.util.Set;

/**
 * Limits and policy of a {@link ChatRelay}.
 *
 * <table>
 * <caption>Chat relay limits</caption>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxMessageBytes</td><td>{@value #DEFAULT_MAX_MESSAGE_BYTES}</td><td>a chat message; larger ones get 413
 * (RFC 4975 10.5)</td></tr>
 * <tr><td>maxMessagesInProgress</td><td>{@value #DEFAULT_MAX_MESSAGES_IN_PROGRESS}</td><td>partly received
 * messages tracked per participant for Success-Reports</td></tr>
 * <tr><td>maxPendingTransactions</td><td>{@value #DEFAULT_MAX_PENDING_TRANSACTIONS}</td><td>forwarded chunks
 * awaiting a response per receiver; the oldest is forgotten beyond it</td></tr>
 * </table>
 */
public record ChatRelayLimits(long maxMessageBytes, int maxMessagesInProgress, int maxPendingTransactions,
        Set<String> acceptedContentTypes) {
    public static final long DEFAULT_MAX_MESSAGE_BYTES = MsrpLimits.DEFAULT_MAX_CHUNK_BODY_BYTES;
    public static final int DEFAULT_MAX_MESSAGES_IN_PROGRESS = 16;
    public static final int DEFAULT_MAX_PENDING_TRANSACTIONS = 256;
    /** What the relay advertises in {@code a=accept-types} (RFC 4975 8.6): plain text and CPIM-wrapped chat. */
    public static final Set<String> DEFAULT_CONTENT_TYPES = Set.of("text/plain", "message/cpim");
    public static final ChatRelayLimits DEFAULT = new ChatRelayLimits(DEFAULT_MAX_MESSAGE_BYTES,
            DEFAULT_MAX_MESSAGES_IN_PROGRESS, DEFAULT_MAX_PENDING_TRANSACTIONS, DEFAULT_CONTENT_TYPES);

    public ChatRelayLimits {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: >= 1)");
        }
        if (maxMessagesInProgress < 1 || maxPendingTransactions < 1) {
            throw new IllegalArgumentException("maxMessagesInProgress and maxPendingTransactions must be >= 1");
        }
        acceptedContentTypes = Set.copyOf(acceptedContentTypes);
    }

    boolean accepts(String contentType) {
        int semi = contentType.indexOf(';');
        String bare = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return acceptedContentTypes.contains(bare);
    }
}
