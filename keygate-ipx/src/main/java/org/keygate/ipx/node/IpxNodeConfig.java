package org.keygate.ipx.node;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.config.ListenerConfig;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.jsse.TlsProvider;
import org.keygate.tls.revocation.AnchorRevocation;

/**
 * One IPX node's validated configuration, frozen: made by {@code IpxConfigLoader} from YAML (or directly, in tests),
 * read by {@link IpxNode}. Reference: {@code docs/IPX.md}.
 *
 * @param providerId this IPX's identity: the {@code identity} of its JWS and the {@code authorizedIpxId} the SEPPs
 *     write (TS 33.501 13.2.4.3.1.2, 13.2.4.5.1)
 * @param listener the N32-f server SEPPs send {@code n32f-process} to (mutually authenticated TLS)
 * @param nextHopTimeout bound on connecting to the next hop and on its answer
 * @param maxAnswerBodyBytes bound on the next hop's answer body
 * @param h2 the HTTP/2 windows the listener and the next-hop client advertise
 * @param revocation the CRLs of the served SEPPs' anchors and of the next IPXs' anchors that have {@code revocation}
 *     configured (docs/IPX.md "Revocation"); the others are not checked
 * @param tlsProvider the TLS engine of the listener and the next-hop client ({@code tls.provider})
 */
public record IpxNodeConfig(
        String name,
        String providerId,
        ListenerConfig listener,
        Optional<ListenerConfig> admin,
        TlsKeyMaterial keyMaterial,
        List<String> tlsProtocols,
        List<ServedSepp> sepps,
        Optional<Modifications> modifications,
        Duration nextHopTimeout,
        int maxAnswerBodyBytes,
        H2Settings h2,
        List<AnchorRevocation> revocation,
        TlsProvider tlsProvider) {

    /** A PRINS message is about twice its SBI message; 4 MiB, as the SEPP's own N32-f bound. */
    public static final int DEFAULT_MAX_ANSWER_BODY_BYTES = 4 << 20;
    public static final Duration DEFAULT_NEXT_HOP_TIMEOUT = Duration.ofSeconds(10);

    public IpxNodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        tlsProtocols = List.copyOf(tlsProtocols);
        sepps = List.copyOf(sepps);
        Objects.requireNonNull(modifications, "modifications");
        Objects.requireNonNull(nextHopTimeout, "nextHopTimeout");
        if (maxAnswerBodyBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBodyBytes: " + maxAnswerBodyBytes + " (expected: > 0)");
        }
        Objects.requireNonNull(h2, "h2");
        revocation = List.copyOf(revocation);
        Objects.requireNonNull(tlsProvider, "tlsProvider");
    }

    /** Without revocation checking, on the default TLS provider ({@link TlsProvider#resolve}). */
    public IpxNodeConfig(String name, String providerId, ListenerConfig listener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, List<ServedSepp> sepps,
            Optional<Modifications> modifications, Duration nextHopTimeout, int maxAnswerBodyBytes, H2Settings h2) {
        this(name, providerId, listener, admin, keyMaterial, tlsProtocols, sepps, modifications, nextHopTimeout,
                maxAnswerBodyBytes, h2, List.of(), TlsProvider.resolve(Optional.empty()));
    }

    /** With the default HTTP/2 windows. */
    public IpxNodeConfig(String name, String providerId, ListenerConfig listener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, List<ServedSepp> sepps,
            Optional<Modifications> modifications, Duration nextHopTimeout, int maxAnswerBodyBytes) {
        this(name, providerId, listener, admin, keyMaterial, tlsProtocols, sepps, modifications, nextHopTimeout,
                maxAnswerBodyBytes, H2Settings.DEFAULT);
    }

    /** This configuration with other modifications (tests stage misconfigured IPXs with it). */
    public IpxNodeConfig withModifications(Optional<Modifications> other) {
        return new IpxNodeConfig(name, providerId, listener, admin, keyMaterial, tlsProtocols, sepps, other,
                nextHopTimeout, maxAnswerBodyBytes, h2, revocation, tlsProvider);
    }

    /** This configuration with other CRLs (tests give the local http server's). */
    public IpxNodeConfig withRevocation(List<AnchorRevocation> other) {
        return new IpxNodeConfig(name, providerId, listener, admin, keyMaterial, tlsProtocols, sepps, modifications,
                nextHopTimeout, maxAnswerBodyBytes, h2, other, tlsProvider);
    }

    /** This configuration with {@code provider} for the listener and the next-hop client. */
    public IpxNodeConfig withTlsProvider(TlsProvider provider) {
        return new IpxNodeConfig(name, providerId, listener, admin, keyMaterial, tlsProtocols, sepps, modifications,
                nextHopTimeout, maxAnswerBodyBytes, h2, revocation, provider);
    }

    /**
     * What this IPX may change and does change, and the key it signs with (ES256 only, TS 33.501 13.2.4.9; its
     * public half is what the SEPPs announce in IpxProviderSecInfo).
     *
     * @param policy the DataToIntegrityProtectBlock pointers this IPX may touch (TS 33.501 13.2.3.4); the
     *     receiving SEPP holds it to the sending SEPP's policy as well
     */
    public record Modifications(ECPrivateKey signingKey, ModificationPolicy policy, List<ModificationRule> rules) {
        public Modifications {
            Objects.requireNonNull(signingKey, "signingKey");
            Objects.requireNonNull(policy, "policy");
            rules = List.copyOf(rules);
        }

        @Override
        public String toString() {
            return "Modifications[" + policy.modifiablePaths() + ", " + rules.size() + " rule(s)]";
        }
    }
}
