package org.keygate.sbi.config;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OcspPolicy;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/**
 * Reads the {@code revocation} blocks of one node's file (TS 33.310 Annex F.2: CRLs, RFC 5280 5; OCSP, RFC 6960) into
 * one revocation policy
 * per trust anchor, for keygate-tls's {@code CrlRevocation}: a SEPP's and an IPX node's files write them alike and get
 * the same checks and messages. Several blocks may name one anchor (peers sharing a CA); they must then agree, since
 * an anchor's CRLs are fetched and judged once.
 */
public final class RevocationReader {
    private final ConfigReader files;
    private final Map<X509Certificate, AnchorRevocation> byAnchor = new LinkedHashMap<>();

    /** @param files resolves CRL file paths relative to the configuration file */
    public RevocationReader(ConfigReader files) {
        this.files = files;
    }

    /**
     * Adds the block at {@code field} for {@code anchor}; nothing when {@code raw} is null (no revocation checking for
     * that anchor, unless another block names it).
     *
     * @throws ConfigException naming the member: an unusable CRL source, no source at all, an unknown
     *     {@code onStaleRevocation}, a refresh interval under a second, or settings that differ from an earlier
     *     block's for the same anchor
     */
    public RevocationReader add(String field, RawRevocation raw, X509Certificate anchor) {
        if (raw == null) {
            return this;
        }
        RevocationPolicy policy = policy(field, raw);
        AnchorRevocation previous = byAnchor.putIfAbsent(anchor, new AnchorRevocation(anchor, policy));
        if (previous != null && !previous.policy().equals(policy)) {
            throw new ConfigException(field, "different settings",
                    "the same revocation settings as every other entry with the trust anchor "
                            + anchor.getSubjectX500Principal());
        }
        return this;
    }

    /** The policies read so far, one per anchor, in the order their anchors were first named. */
    public List<AnchorRevocation> policies() {
        return List.copyOf(byAnchor.values());
    }

    private RevocationPolicy policy(String f, RawRevocation raw) {
        List<CrlSource> crls = new ArrayList<>();
        List<String> texts = raw.crls() == null ? List.of() : raw.crls();
        for (int i = 0; i < texts.size(); i++) {
            String field = f + ".crls[" + i + "]";
            String text = ConfigReader.required(field, texts.get(i));
            CrlSource s;
            try {
                s = CrlSource.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(field, text, "an http:// URL or a CRL file");
            }
            crls.add(s instanceof CrlSource.File ? new CrlSource.File(files.file(field, text)) : s);
        }
        boolean dps = Boolean.TRUE.equals(raw.distributionPoints());
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

    private static OcspPolicy ocsp(String f, RawRevocation.Ocsp raw) {
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
