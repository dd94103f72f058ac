package org.keygate.sepp.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.n32c.client.HandshakeFailure;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.plmn.PlmnId;

/**
 * Makes a {@link SeppStatus} of a running SEPP on demand from what it already keeps: the configured partners, the
 * context registry, its meters (the same counters {@code /metrics} shows) and the initiator's last handshake
 * failures. It subscribes to the registry to remember contexts that ended FAILED, which the registry forgets.
 *
 * <p>Thread-safe; each {@link #snapshot()} reads the live state once. Nothing it reads or writes holds a key: the
 * contexts' session keys are never touched.
 */
public final class SeppStatusView implements Supplier<byte[]> {
    /** The running configuration: after a reload, the new one (its partners are the rows). */
    private final Supplier<SeppConfig> config;
    private final N32fContextRegistry contexts;
    private final MeterRegistry meters;
    private final Function<String, Optional<HandshakeFailure>> handshakeFailures;
    private final Map<String, SeppStatus.Failure> failedContexts = new ConcurrentHashMap<>();

    /**
     * @param handshakeFailures by peer name, the last failed handshake attempt this SEPP initiated
     *     ({@code N32cInitiator::lastFailure})
     */
    public SeppStatusView(SeppConfig config, N32fContextRegistry contexts, MeterRegistry meters,
            Function<String, Optional<HandshakeFailure>> handshakeFailures) {
        this(() -> config, contexts, meters, handshakeFailures);
    }

    /** @param config the running configuration, read at each snapshot (a SEPP's configuration can be reloaded) */
    public SeppStatusView(Supplier<SeppConfig> config, N32fContextRegistry contexts, MeterRegistry meters,
            Function<String, Optional<HandshakeFailure>> handshakeFailures) {
        this.config = config;
        this.contexts = contexts;
        this.meters = meters;
        this.handshakeFailures = handshakeFailures;
        contexts.onContextEnd(ended -> {
            if (ended.state() == N32fContextState.FAILED) {
                failedContexts.put(ended.peer().name(), new SeppStatus.Failure(contexts.clock().instant().toString(),
                        "context " + ended.localContextId().map(Object::toString).orElse(ended.capability().value())
                                + " ended FAILED"));
            }
        });
    }

    /** The status as JSON, for the admin listener's {@code GET /status}. */
    @Override
    public byte[] get() {
        return SbiJson.write(snapshot());
    }

    public SeppStatus snapshot() {
        Instant now = contexts.clock().instant();
        SeppConfig config = this.config.get();
        List<SeppStatus.Partner> partners = config.peers().stream().map(p -> partner(p, now)).toList();
        return new SeppStatus(config.name(), config.n32c().fqdn(), plmns(config.n32c().plmnIds()), now.toString(),
                partners, byTags("keygate_n32f_rejections_total", "cause"),
                byTags("keygate_n32c_rejections_total", "operation", "cause"));
    }

    private SeppStatus.Partner partner(PeerSepp p, Instant now) {
        Optional<N32fContext> current = contexts.current(p.name());
        SeppStatus.PartnerState state = current.map(c -> state(c, now)).orElse(SeppStatus.PartnerState.DOWN);
        return new SeppStatus.Partner(p.name(), p.fqdn(), plmns(p.plmnIds()),
                p.n32cAddress().getHostString() + ":" + p.n32cAddress().getPort(), p.initiate(),
                p.intermediary().map(i -> i.providerId()).orElse(null), state,
                current.map(c -> context(c, now)).orElse(null),
                count("keygate_n32c_handshakes_total", "peer", p.name(), "outcome", "established"),
                count("keygate_n32c_handshakes_total", "peer", p.name(), "outcome", "failed"),
                count("keygate_n32f_messages_total", "peer", p.name(), "direction", "in"),
                count("keygate_n32f_messages_total", "peer", p.name(), "direction", "out"),
                lastError(p.name()));
    }

    private static SeppStatus.PartnerState state(N32fContext c, Instant now) {
        if (c.isExpired(now)) {
            return SeppStatus.PartnerState.EXPIRED;
        }
        return c.state() == N32fContextState.ESTABLISHED ? SeppStatus.PartnerState.UP
                : c.state() == N32fContextState.NEGOTIATING ? SeppStatus.PartnerState.NEGOTIATING
                : SeppStatus.PartnerState.DOWN;
    }

    private static SeppStatus.Context context(N32fContext c, Instant now) {
        return new SeppStatus.Context(c.capability().value(), c.state().name(), c.role().name(),
                c.localContextId().map(Object::toString).orElse(null),
                c.remoteContextId().map(Object::toString).orElse(null),
                c.jweCipherSuite().map(JweEnc::joseName).orElse(null), c.jwsCipherSuite().orElse(null),
                c.peerIpxProviderSecInfo().stream().map(i -> i.ipxProviderId()).toList(), c.n32cConnectionId(),
                c.createdAt().toString(), c.expiresAt().toString(),
                Math.max(0, Duration.between(c.createdAt(), now).toSeconds()),
                Math.max(0, Duration.between(now, c.expiresAt()).toSeconds()));
    }

    private SeppStatus.Failure lastError(String peer) {
        Optional<SeppStatus.Failure> handshake = handshakeFailures.apply(peer).map(f -> new SeppStatus.Failure(
                f.at().toString(), "handshake attempt " + f.attempt() + ": " + f.reason()));
        return java.util.stream.Stream.concat(handshake.stream(), Optional.ofNullable(failedContexts.get(peer)).stream())
                .max(Comparator.comparing(f -> Instant.parse(f.at()))).orElse(null);
    }

    private long count(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : (long) c.count();
    }

    /** Every counter of {@code name}, keyed by its {@code keys} tag values joined with a space. */
    private Map<String, Long> byTags(String name, String... keys) {
        Map<String, Long> out = new TreeMap<>();
        for (Counter c : meters.find(name).counters()) {
            StringBuilder k = new StringBuilder();
            for (String key : keys) {
                k.append(k.isEmpty() ? "" : " ").append(c.getId().getTag(key));
            }
            out.merge(k.toString(), (long) c.count(), Long::sum);
        }
        return out;
    }

    private static List<String> plmns(List<PlmnId> ids) {
        return ids.stream().map(PlmnId::toString).toList();
    }
}
