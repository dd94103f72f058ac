package org.keygate.cli.lab;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32KdfLabel;
import org.keygate.sepp.context.N32fContext;

/**
 * What the two SEPPs of a scenario agreed, side by side, and whether they agree: same mechanism, same suites,
 * each side's remote context ID equal to the other's own, and identical keys, compared through their SHA-256
 * fingerprints (the keys themselves are never printed).
 *
 * @param viaIpx whether the lab put the visited operator's hub on the path; only then do the SEPPs announce hubs.
 */
public record LabOutcome(N32fContext initiator, N32fContext responder, boolean viaIpx) {
    /** Fingerprints are compared in full; this many hex digits are shown. */
    private static final int SHOWN_HEX = 16;

    /**
     * PRINS through the hub: each side stored the other's IPX provider (TS 33.501 13.2.2.2 step 3); without a hub
     * none was announced, and with TLS none is exchanged: neither side stored any.
     */
    private boolean ipxCrossed() {
        if (responder == null) {
            return false;
        }
        boolean prins = initiator.sessionKeys().isPresent();
        List<String> atInitiator = ids(initiator);
        List<String> atResponder = ids(responder);
        return prins && viaIpx ? atInitiator.equals(List.of(LabTopology.HOME_IPX)) && atResponder.equals(List.of(LabTopology.VISITED_IPX))
                : atInitiator.isEmpty() && atResponder.isEmpty();
    }

    private static List<String> ids(N32fContext c) {
        return c.peerIpxProviderSecInfo().stream().map(i -> i.ipxProviderId()).toList();
    }

    boolean agree() {
        if (responder == null || !initiator.capability().equals(responder.capability())) {
            return false;
        }
        return ipxCrossed() && initiator.jweCipherSuite().equals(responder.jweCipherSuite())
                && initiator.jwsCipherSuite().equals(responder.jwsCipherSuite())
                && initiator.localContextId().equals(responder.remoteContextId())
                && initiator.remoteContextId().equals(responder.localContextId())
                && fingerprints(initiator).equals(fingerprints(responder));
    }

    void print(PrintStream out) {
        if (responder == null) {
            out.println("  the home SEPP recorded no context: DISAGREE");
            return;
        }
        row(out, "selected capability", initiator.capability().value(), responder.capability().value());
        row(out, "JWE cipher suite", initiator.jweCipherSuite().map(JweEnc::joseName).orElse("none (TLS)"),
                responder.jweCipherSuite().map(JweEnc::joseName).orElse("none (TLS)"));
        row(out, "JWS cipher suite", initiator.jwsCipherSuite().orElse("none (TLS)"),
                responder.jwsCipherSuite().orElse("none (TLS)"));
        row(out, "initiator context ID", id(initiator.localContextId()), id(responder.remoteContextId()));
        row(out, "responder context ID", id(initiator.remoteContextId()), id(responder.localContextId()));
        row(out, "peer's IPX provider", ipx(initiator), ipx(responder), ipxCrossed());
        Map<N32KdfLabel, String> mine = fingerprints(initiator);
        Map<N32KdfLabel, String> theirs = fingerprints(responder);
        if (mine.isEmpty() && theirs.isEmpty()) {
            out.println("  N32-f is protected by TLS: no PRINS keys are derived (TS 33.501 13.5)");
        } else {
            out.println("  key SHA-256 fingerprints (first " + SHOWN_HEX + " hex digits shown, compared in full):");
            for (N32KdfLabel label : N32KdfLabel.values()) {
                row(out, "  " + label.label(), shown(mine.get(label)), shown(theirs.get(label)),
                        Objects.equals(mine.get(label), theirs.get(label)));
            }
        }
    }

    static String hostPort(java.net.InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static Map<N32KdfLabel, String> fingerprints(N32fContext c) {
        return c.sessionKeys().map(k -> k.fingerprints()).orElse(Map.of());
    }

    private static void row(PrintStream out, String what, String visited, String home) {
        row(out, what, visited, home, visited.equals(home));
    }

    /** Which of the peer's IPX providers a side stored; the two sides learn different ones, each the other's. */
    private static String ipx(N32fContext c) {
        return c.peerIpxProviderSecInfo().isEmpty() ? "none"
                : c.peerIpxProviderSecInfo().stream().map(i -> i.ipxProviderId().split("\\.")[1])
                        .reduce((a, b) -> a + "," + b).orElse("none");
    }

    private static void row(PrintStream out, String what, String visited, String home, boolean same) {
        out.printf("  %-28s visited %-18s home %-18s %s%n", what, visited, home, same ? "agree" : "DIFFER");
    }

    private static String id(Optional<?> id) {
        return id.map(Object::toString).orElse("none (TLS)");
    }

    private static String shown(String fingerprint) {
        return fingerprint == null ? "-" : fingerprint.substring(0, SHOWN_HEX);
    }
}
