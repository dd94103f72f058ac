package org.keygate.sepp.config;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OcspPolicy;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sbi.config.ConfigReader;
import org.keygate.sbi.config.DurationText;

/**
 * {@code peers[].revocation} and {@code peers[].ipx.revocation}: the CRLs (RFC 5280 5) and OCSP (RFC 6960) of that
 * peer's (or its IPX's) trust anchor (TS 33.310 Annex F.2). Peers sharing an anchor must agree on its revocation
 * settings.
 */
final class RevocationConfigLoader {
    private RevocationConfigLoader() {}

    /** @param peers the loaded peers, in the order of {@code raw} */
    static List<AnchorRevocation> revocation(List<RawSeppConfig.Peer> raw, List<PeerSepp> peers,
            BiFunction<String, String, Path> file) {
        Map<X509Certificate, AnchorRevocation> byAnchor = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            RawSeppConfig.Peer p = raw.get(i);
            PeerSepp peer = peers.get(i);
            String f = "peers[" + i + "]";
            if (p.revocation() != null) {
                add(byAnchor, f + ".revocation", peer.trustAnchor(), policy(f + ".revocation", p.revocation(), file));
            }
            if (p.ipx() != null && p.ipx().revocation() != null && peer.intermediary().isPresent()) {
                add(byAnchor, f + ".ipx.revocation", peer.intermediary().get().trustAnchor(),
                        policy(f + ".ipx.revocation", p.ipx().revocation(), file));
            }
        }
        return List.copyOf(byAnchor.values());
    }

    private static void add(Map<X509Certificate, AnchorRevocation> byAnchor, String field, X509Certificate anchor,
            RevocationPolicy policy) {
        AnchorRevocation previous = byAnchor.putIfAbsent(anchor, new AnchorRevocation(anchor, policy));
        if (previous != null && !previous.policy().equals(policy)) {
            throw new ConfigException(field, "different settings",
                    "the same revocation settings as every other peer with the trust anchor "
                            + anchor.getSubjectX500Principal());
        }
    }

    static RevocationPolicy policy(String f, RawSeppConfig.Revocation raw, BiFunction<String, String, Path> file) {
        List<CrlSource> crls = new ArrayList<>();
        List<String> texts = raw.crls() == null ? List.of() : raw.crls();
        for (int i = 0; i < texts.size(); i++) {
            String field = f + ".crls[" + i + "]";
            String text = ConfigReader.required(field, texts.get(i));
            try {
                CrlSource s = CrlSource.parse(text);
                crls.add(s instanceof CrlSource.File ? new CrlSource.File(file.apply(field, text)) : s);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(field, text, "an http:// URL or a CRL file");
            }
        }
        boolean dps = raw.distributionPoints() != null && raw.distributionPoints();
        Optional<OcspPolicy> ocsp = raw.ocsp() == null ? Optional.empty() : Optional.of(ocsp(f + ".ocsp", raw.ocsp()));
        if (crls.isEmpty() && !dps && ocsp.isEmpty()) {
            throw new ConfigException(f + ".crls", texts,
                    "at least one CRL file or http URL, distributionPoints: true, or ocsp");
        }
        OnStaleRevocation onStale = switch (raw.onStaleRevocation() == null ? "refuse" : raw.onStaleRevocation()) {
            case "refuse" -> OnStaleRevocation.REFUSE;
            case "warn" -> OnStaleRevocation.WARN;
            default -> throw new ConfigException(f + ".onStaleRevocation", raw.onStaleRevocation(), "refuse or warn");
        };
        Duration refresh = raw.refreshInterval() == null ? RevocationPolicy.DEFAULT_REFRESH_INTERVAL
                : DurationText.parse(f + ".refreshInterval", raw.refreshInterval());
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException(f + ".refreshInterval", raw.refreshInterval(), "at least 1s");
        }
        return new RevocationPolicy(crls, dps, onStale, refresh, ocsp);
    }

    private static OcspPolicy ocsp(String f, RawSeppConfig.Ocsp raw) {
        Optional<URI> responder = Optional.empty();
        if (raw.responder() != null) {
            try {
                responder = Optional.of(new CrlSource.Http(URI.create(raw.responder())).uri());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(f + ".responder", raw.responder(), "an http:// URL with a host (OCSP"
                        + " answers are signed: RFC 6960 A.1 uses http)");
            }
        }
        Duration timeout = raw.timeout() == null ? OcspPolicy.DEFAULT_TIMEOUT
                : DurationText.parse(f + ".timeout", raw.timeout());
        if (timeout.compareTo(OcspPolicy.MIN_TIMEOUT) < 0 || timeout.compareTo(OcspPolicy.MAX_TIMEOUT) > 0) {
            throw new ConfigException(f + ".timeout", raw.timeout(), "100ms to 60s");
        }
        int cacheSize = raw.cacheSize() == null ? OcspPolicy.DEFAULT_CACHE_SIZE : raw.cacheSize();
        if (cacheSize < 1 || cacheSize > OcspPolicy.MAX_CACHE_SIZE) {
            throw new ConfigException(f + ".cacheSize", raw.cacheSize(), "1 to " + OcspPolicy.MAX_CACHE_SIZE);
        }
        return new OcspPolicy(responder, timeout, raw.nonce() == null || raw.nonce(), cacheSize);
    }
}
