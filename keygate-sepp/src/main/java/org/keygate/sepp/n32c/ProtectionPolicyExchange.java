package org.keygate.sepp.n32c;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.n32.policy.ProtectionPolicyCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the peer's protection policy with the context (TS 33.501 13.2.2.2 steps 2b, 2d) and applies the
 * operator's choice when it does not match (13.2.3.6): ERROR reports POLICY_MISMATCH with n32f-error
 * (TS 29.573 6.1.4.3.2) and ends the context; WARN logs a local warning and keeps it.
 */
final class ProtectionPolicyExchange {
    private static final Logger log = LoggerFactory.getLogger(ProtectionPolicyExchange.class);
    /** No N32-f message is involved in a policy mismatch; n32fMessageId is mandatory, so keygate sends "0". */
    static final String NO_MESSAGE_ID = "0";

    private final java.util.function.Supplier<N32cSettings> settingsSource;
    private final N32fContextRegistry contexts;
    private final N32fErrorSender errorSender;

    ProtectionPolicyExchange(N32cSettings settings, N32fContextRegistry contexts, N32fErrorSender errorSender) {
        this(() -> settings, contexts, errorSender);
    }

    /** With the running configuration's settings, read at each exchange (a reload replaces them, issue 18). */
    ProtectionPolicyExchange(java.util.function.Supplier<N32cSettings> settings, N32fContextRegistry contexts,
            N32fErrorSender errorSender) {
        this.settingsSource = settings;
        this.contexts = contexts;
        this.errorSender = errorSender;
    }

    /**
     * Handles the policy a peer sent (null when it sent none) and returns this SEPP's own policy to answer with,
     * or null when there is nothing to answer.
     */
    ProtectionPolicy onPeerPolicy(N32fContext context, ProtectionPolicy peerPolicy) {
        if (peerPolicy == null) {
            return null;
        }
        N32fContextId localId = context.localContextId().orElseThrow();
        contexts.update(localId, c -> c.withPeerProtectionPolicy(peerPolicy));
        List<InvalidParam> mismatches = ProtectionPolicyCheck.mismatches(settingsSource.get().requiredPeerEncryption(),
                settingsSource.get().protectionPolicyFor(context.peer()), peerPolicy, riProviders(context));
        if (!mismatches.isEmpty()) {
            onMismatch(context, mismatches);
        }
        return settingsSource.get().protectionPolicyFor(context.peer());
    }

    /** The RI providers used with the context's partner: this SEPP's own and the partner's configured one. */
    private Set<String> riProviders(N32fContext context) {
        Set<String> out = new HashSet<>();
        settingsSource.get().ipxProviders().forEach(i -> out.add(i.ipxProviderId()));
        context.peer().intermediary().ifPresent(i -> out.add(i.providerId()));
        return out;
    }

    private void onMismatch(N32fContext context, List<InvalidParam> mismatches) {
        if (settingsSource.get().onPolicyMismatch() == PolicyMismatchAction.WARN) {
            log.warn("N32-f context {} with {}: the received protection policy differs from the one configured for"
                    + " this partner, kept by operator policy (warn): {}",
                    context.localContextId().orElseThrow(), context.peer().name(), mismatches);
            return;
        }
        log.warn("N32-f context {} with {}: the received protection policy differs from the one configured for"
                + " this partner, reporting POLICY_MISMATCH and ending it: {}",
                context.localContextId().orElseThrow(), context.peer().name(), mismatches);
        contexts.byLocalId(context.localContextId().orElseThrow())
                .ifPresent(c -> contexts.end(c, N32fContextState.FAILED));
        // The peer knows the context by its own ID (DESIGN.md: references carry the receiver's ID).
        N32fErrorInfo error = new N32fErrorInfo(NO_MESSAGE_ID, N32fErrorInfo.POLICY_MISMATCH,
                context.remoteContextId().orElseThrow().value(), null, null, mismatches);
        errorSender.send(context.peer(), error).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("N32-c: could not report POLICY_MISMATCH to {}: {}", context.peer().name(),
                        failure.toString());
            }
        });
    }
}
