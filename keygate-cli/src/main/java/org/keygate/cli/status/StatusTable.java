package org.keygate.cli.status;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keygate.sepp.status.SeppStatus;

/** {@link SeppStatus} as a plain-text table: a heading, one row per partner, then the refusal counts. */
final class StatusTable {
    static final List<String> COLUMNS = List.of("PARTNER", "STATE", "MECHANISM", "ROLE", "LOCAL CONTEXT",
            "REMOTE CONTEXT", "JWE/JWS", "AGE", "EXPIRES IN", "N32-F IN/OUT", "HANDSHAKES OK/FAILED", "LAST ERROR");

    private StatusTable() {}

    static void print(SeppStatus s, PrintWriter out) {
        out.println("SEPP " + s.name() + " (" + s.fqdn() + ", PLMN " + String.join(", ", s.plmnIds()) + ") at "
                + s.at());
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (SeppStatus.Partner p : s.partners()) {
            SeppStatus.Context c = p.context();
            rows.add(List.of(p.name(), p.state().name(), c == null ? "-" : c.mechanism(),
                    c == null ? "-" : c.role().toLowerCase(java.util.Locale.ROOT), or(c == null ? null : c.localContextId()),
                    or(c == null ? null : c.remoteContextId()),
                    c == null || c.jweCipherSuite() == null ? "-" : c.jweCipherSuite() + "/" + c.jwsCipherSuite(),
                    c == null ? "-" : duration(c.ageSeconds()), c == null ? "-" : duration(c.expiresInSeconds()),
                    p.messagesIn() + "/" + p.messagesOut(), p.handshakesEstablished() + "/" + p.handshakesFailed(),
                    p.lastError() == null ? "-" : p.lastError().at() + " " + p.lastError().what()));
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("N32-f rejections: " + counts(s.n32fRejections()));
        out.println("N32-c rejections: " + counts(s.n32cRejections()));
    }

    /** 59s, 5m03s, 23h59m, 6d23h: enough to tell a fresh context from an old one at a glance. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dd%02dh", seconds / 86400, seconds % 86400 / 3600);
    }

    private static String or(String value) {
        return value == null ? "-" : value;
    }

    private static String counts(Map<String, Long> counts) {
        return counts == null || counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
