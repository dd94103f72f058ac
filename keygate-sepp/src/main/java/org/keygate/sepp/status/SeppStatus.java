package org.keygate.sepp.status;

import java.util.List;
import java.util.Map;

/**
 * The JSON document of {@code GET /status} on a SEPP's admin listener (docs/OPERATIONS.md). Times are ISO-8601 UTC
 * strings, durations whole seconds; a member that does not apply is absent (null). It carries identifiers,
 * names and counts only: no key, IV salt or fingerprint of one.
 *
 * @param at when the view was made (the SEPP's clock)
 * @param n32fRejections refused N32-f messages by 3GPP cause, all partners together (the metric has no peer label)
 * @param n32cRejections refused N32-c requests by "operation cause"
 */
public record SeppStatus(String name, String fqdn, List<String> plmnIds, String at, List<Partner> partners,
        Map<String, Long> n32fRejections, Map<String, Long> n32cRejections) {

    /** Whether an N32-f message can flow with a partner now. */
    public enum PartnerState {
        /** An ESTABLISHED context whose lifetime has not run out. */
        UP,
        /** PRINS parameter exchange under way. */
        NEGOTIATING,
        /** The context's lifetime ran out; the sweeper ends it within a second. */
        EXPIRED,
        /** No context: never negotiated, terminated, or failed. */
        DOWN
    }

    /**
     * One roaming partner as configured, with what was agreed with it.
     *
     * @param context the current N32-f context, absent when {@code state} is DOWN
     * @param messagesIn N32-f requests received from the partner since start
     * @param messagesOut N32-f requests sent to the partner since start
     * @param lastError the newest of: a handshake this SEPP initiated that failed, a context that ended FAILED
     */
    public record Partner(String name, String fqdn, List<String> plmnIds, String n32c, boolean initiate,
            String ipx, PartnerState state, Context context, long handshakesEstablished, long handshakesFailed,
            long messagesIn, long messagesOut, Failure lastError) {}

    /**
     * An N32-f context as both SEPPs know it (TS 29.573 5.2.2/5.2.3). With TLS there are no IDs or suites.
     *
     * @param mechanism the selected security capability: PRINS or TLS
     * @param role whether this SEPP initiated the N32-c handshake
     * @param localContextId this SEPP's own N32-f context ID (the one arriving messages carry)
     * @param peerIpxProviders the partner's IPX providers stored from parameter exchange
     */
    public record Context(String mechanism, String state, String role, String localContextId,
            String remoteContextId, String jweCipherSuite, String jwsCipherSuite, List<String> peerIpxProviders,
            String n32cConnectionId, String createdAt, String expiresAt, long ageSeconds, long expiresInSeconds) {}

    /** What failed, when: a handshake attempt ("handshake attempt 2: ...") or a context ("context ... FAILED"). */
    public record Failure(String at, String what) {}
}
