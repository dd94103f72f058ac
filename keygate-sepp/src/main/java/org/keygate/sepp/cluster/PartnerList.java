package org.keygate.sepp.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.keygate.sepp.peer.PeerSepp;

/**
 * The partners an instance serves, as it publishes them in its member record so that the instances can tell whether
 * they all serve the same ones (issue 16: "the partner list, so every instance serves the same partners";
 * docs/CLUSTER.md). A partner here is what makes it that partner wherever it lands: name, FQDN, PLMN IDs, trust
 * anchor (SHA-256 of its DER), protection policy and Roaming Intermediary; not its addresses, which may differ per
 * site. No key and nothing secret: a trust anchor is a public certificate.
 *
 * @param digest the first 16 hex digits of SHA-256 over the sorted partners' canonical form
 * @param names the partners' names, sorted, for the operator's log
 */
record PartnerList(String digest, List<String> names) {
    PartnerList {
        Objects.requireNonNull(digest, "digest");
        names = List.copyOf(names);
    }

    static PartnerList of(List<PeerSepp> peers) {
        List<PeerSepp> sorted = peers.stream().sorted(Comparator.comparing(PeerSepp::name)).toList();
        StringBuilder canonical = new StringBuilder();
        for (PeerSepp p : sorted) {
            canonical.append(p.name()).append('\n').append(p.fqdn().toLowerCase(java.util.Locale.ROOT)).append('\n')
                    .append(p.plmnIds()).append('\n').append(anchor(p)).append('\n')
                    .append(p.protectionPolicy().map(Object::toString).orElse("-")).append('\n')
                    .append(p.intermediary().map(i -> i.providerId() + " authorized=" + i.authorized()).orElse("-"))
                    .append("\n\n");
        }
        return new PartnerList(HexFormat.of().formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16), sorted.stream().map(PeerSepp::name).toList());
    }

    private static String anchor(PeerSepp p) {
        try {
            return HexFormat.of().formatHex(sha256(p.trustAnchor().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the trust anchor of peer " + p.name() + " cannot be encoded", e);
        }
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
