package org.keygate.ipx.node;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.client.SbiConnectionPool;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.client.PeerIdentityException;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;

/**
 * The route table ({@code :authority} to served SEPP) and the HTTP/2 connections to the next hops, one per next hop and
 * event loop ({@link SbiConnectionPool}), opened on first use and reopened once closed (a SEPP that restarted is
 * reached again without restarting the IPX). The next hop proves it is
 * the SEPP the authority names: its FQDN by the JDK's endpoint identification, its chain by PLMN trust, and every
 * PLMN ID of its certificate must be that SEPP's (TS 33.501 13.1.2). A route {@code via} another operator's IPX
 * (TS 33.501 13.2.4.5.2, cIPX to pIPX) dials that IPX instead, which proves its own FQDN and a chain without PLMN ID
 * to its own anchor.
 */
final class NextHops implements AutoCloseable {
    private final Map<String, ServedSepp> byAuthority;
    private final SbiClient client;
    private final MutualTls tls;
    /** Keyed by the next hop's authority (a string hashes cheaply on every request; a ServedSepp would not). */
    private final SbiConnectionPool<String> connections;
    private final NextHopBackoff backoff = new NextHopBackoff(System::nanoTime);

    NextHops(List<ServedSepp> sepps, SbiClient client, MutualTls tls, SbiEventLoops loops) {
        this.byAuthority = sepps.stream().filter(s -> s.nextHop().isPresent())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(s -> s.nextHop().get().authority(), s -> s));
        this.client = client;
        this.tls = tls;
        this.connections = new SbiConnectionPool<>(loops, authority -> open(byAuthority.get(authority)));
    }

    /** The SEPP {@code authority} ({@code host[:port]}, port 443 when absent) routes to. */
    Optional<ServedSepp> route(String authority) {
        if (authority == null) {
            return Optional.empty();
        }
        String a = authority.toLowerCase(Locale.ROOT);
        int colon = a.lastIndexOf(':');
        String host = colon < 0 ? a : a.substring(0, colon);
        String port = colon < 0 ? "443" : a.substring(colon + 1);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return Optional.ofNullable(byAuthority.get(host + ":" + port));
    }

    /** Sends one request to {@code to}'s next hop; once more on a new connection if it did not process it. */
    CompletableFuture<org.keygate.sbi.http.SbiResponse> exchange(ServedSepp to,
            java.util.function.Function<SbiClientConnection, CompletableFuture<org.keygate.sbi.http.SbiResponse>> send) {
        return connections.exchange(to.nextHop().orElseThrow().authority(), send);
    }

    CompletableFuture<SbiClientConnection> connection(ServedSepp to) {
        return connections.connection(to.nextHop().orElseThrow().authority());
    }

    /**
     * Called by the pool only when no usable connection to the hop exists: while the hop's breaker is open this fails
     * at once ({@link NextHopBackingOff}) instead of connecting.
     */
    private CompletableFuture<SbiClientConnection> open(ServedSepp to) {
        ServedSepp.NextHop hop = to.nextHop().orElseThrow();
        java.util.OptionalLong wait = backoff.refusal(hop.authority());
        if (wait.isPresent()) {
            return CompletableFuture.failedFuture(new NextHopBackingOff(to.name(), hop.address(),
                    backoff.failures(hop.authority()), java.time.Duration.ofNanos(wait.getAsLong())));
        }
        String fqdn = hop.via().map(ServedSepp.Intermediary::fqdn).orElse(hop.fqdn());
        return client.connect(hop.address(), tls.clientParameters(fqdn)).thenApply(c -> checked(to, c))
                .whenComplete((c, failure) -> {
                    if (failure == null) {
                        backoff.succeeded(hop.authority());
                    } else {
                        backoff.failed(hop.authority());
                    }
                });
    }

    private static SbiClientConnection checked(ServedSepp to, SbiClientConnection c) {
        List<X509Certificate> chain = c.peerCertificates();
        Optional<ServedSepp.Intermediary> via = to.nextHop().orElseThrow().via();
        if (via.isPresent()) {
            if (!via.get().presented(chain)) {
                c.close();
                throw new PeerIdentityException("the N32-f server at " + to.nextHop().orElseThrow().address()
                        + " presented a certificate that is not IPX " + via.get().fqdn() + "'s");
            }
            return c;
        }
        java.util.Set<PlmnId> plmns = chain.isEmpty() ? java.util.Set.of() : PeerIdentity.of(chain.getFirst()).plmnIds();
        if (plmns.isEmpty() || !to.plmnIds().containsAll(plmns)) {
            c.close();
            throw new PeerIdentityException("the N32-f server at " + to.nextHop().orElseThrow().address()
                    + " presented a certificate that does not belong to SEPP " + to.name());
        }
        return c;
    }

    /** Closes at once the connections whose next hop's chain {@code peerChain} accepts (revoked, issue 18); how many. */
    int closeIf(java.util.function.Predicate<List<X509Certificate>> peerChain) {
        return connections.closeIf(c -> !c.peerCertificates().isEmpty() && peerChain.test(c.peerCertificates()));
    }

    @Override
    public void close() {
        connections.close();
    }
}
