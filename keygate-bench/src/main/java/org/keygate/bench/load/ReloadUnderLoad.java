package org.keygate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.pki.LabSeppFiles;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.lab.LabProcess;

/**
 * Load across change (issue 18, {@code ./keygate bench-load --reload}): h2load paced at half the pair's maximum rate
 * while the home SEPP's file is rewritten and the SEPP sent SIGHUP {@value #RELOADS} times, each time adding or
 * removing an unrelated partner ("roamer", PLMN 002-02) and changing the visited partner's rate limit (kept far above
 * the load, so that the limiter never decides). Every request must succeed, and the home SEPP's log must show each
 * reload applied.
 */
final class ReloadUnderLoad {
    static final int RELOADS = 10;
    private static final PlmnId ROAMER = PlmnId.parse("002-02");

    private ReloadUnderLoad() {}

    /** The outcome, one paragraph of Markdown; {@code ok}: no failed request and every reload applied. */
    record Result(String markdown, boolean ok) {}

    /**
     * Runs the paced load through {@code pair} (home and visited running) and reloads the home SEPP while it runs.
     *
     * @param paced starts the paced h2load run and returns its report when done
     */
    static Result run(Path out, SeppPair pair, LabProcess home, Duration duration, Duration warmup,
            PacedRun paced, double rate) throws Exception {
        LabSeppFiles roamer = LabPki.generate(out.resolve("reload-pki"),
                List.of(new LabSepp("roamer", ROAMER, ROAMER.seppFqdn())), Duration.ofDays(2)).get("roamer");
        String original = Files.readString(pair.homeConfig());
        String unlimited = "rateLimit: {messagesPerSecond: " + SeppPair.UNLIMITED + ", burst: " + SeppPair.UNLIMITED + "}";
        if (!original.contains(unlimited)) {
            throw new IOException(pair.homeConfig() + ": no `" + unlimited + "` line to vary");
        }
        Path log = out.resolve(home.name() + ".log");
        long appliedBefore = count(log, "configuration reloaded");
        Thread reloader = Thread.ofPlatform().name("reloader").start(() -> {
            try {
                // The first reload after the warm-up, the last well before the end of the measured run.
                Thread.sleep(warmup.toMillis());
                long step = duration.toMillis() / (RELOADS + 1);
                for (int i = 1; i <= RELOADS; i++) {
                    Thread.sleep(step);
                    String limit = "rateLimit: {messagesPerSecond: " + (SeppPair.UNLIMITED - i) + ", burst: "
                            + SeppPair.UNLIMITED + "}";
                    String yaml = original.replace(unlimited, limit);
                    if (i % 2 == 1) {
                        yaml += """
                                  - name: roamer
                                    fqdn: %s
                                    plmnIds: ["%s"]
                                    n32c: 127.0.0.1:9
                                    trustAnchor: %s
                                """.formatted(ROAMER.seppFqdn(), ROAMER, roamer.caCert().toAbsolutePath());
                    }
                    Files.writeString(pair.homeConfig(), yaml);
                    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(home.pid())).inheritIO().start();
                    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                        throw new IOException("kill -HUP " + home.pid() + " failed");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        H2load.Run run = paced.run();
        reloader.join(TimeUnit.MINUTES.toMillis(1));
        Files.writeString(pair.homeConfig(), original);
        long applied = count(log, "configuration reloaded") - appliedBefore;
        long refused = count(log, "configuration reload refused");
        H2loadReport r = run.report();
        long notOk = r.total() - r.status2xx();
        boolean ok = notOk == 0 && r.failed() == 0 && r.errored() == 0 && r.timeout() == 0 && applied == RELOADS;
        String md = String.format(java.util.Locale.ROOT, """
                Reload under load (PRINS pair, %d s paced at %.0f req/s, the home SEPP reloaded by SIGHUP %d times: \
                an unrelated partner added or removed and a rate limit changed each time)

                | requests | 2xx | failed | errored | timeout | not 2xx | reloads applied | reloads refused | p50 ms | p99 ms |
                |---|---|---|---|---|---|---|---|---|---|
                | %d | %d | %d | %d | %d | %d | %d | %d | %.2f | %.2f |

                %s
                """, duration.toSeconds(), rate, RELOADS, r.total(), r.status2xx(), r.failed(), r.errored(),
                r.timeout(), notOk, applied, refused, run.latencies().percentileMillis(50), run.latencies().percentileMillis(99),
                ok ? "OK: no request failed, every reload applied." : "FAILED: see " + log + " and the h2load output.");
        return new Result(md, ok);
    }

    private static long count(Path log, String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /** The paced h2load run, started by the caller's harness. */
    @FunctionalInterface
    interface PacedRun {
        H2load.Run run() throws Exception;
    }
}
