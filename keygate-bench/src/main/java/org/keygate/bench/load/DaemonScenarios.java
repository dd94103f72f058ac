package org.keygate.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20's drivers as {@code ./keygate bench-load --scenarios} entries: the CAPIF daemons and the MRFP against their C
 * references, each run through its own entry point (a script or a {@code main}) as a child process, so this class
 * holds no measurement of its own: it starts the driver, copies its output to the console and to
 * {@code --out/<scenario>.log}, and reads its verdict (the exit code, and for the MRFP relay the ratio it prints)
 * against the "what must hold" line.
 *
 * <ul>
 * <li>{@code capif-psk}: {@code keygate-bench/scripts/capif-psk-bench.sh}: CAPIF-2e handshakes (TLS 1.2, 1.3) and
 *     keep-alive requests, AEF+CCF against {@code openssl s_server -psk} and stunnel4 + HAProxy.
 * <li>{@code capif-outage}: {@code keygate-bench/scripts/capif-ccf-outage.sh}: the CCF stopped for 10 s in a 60 s
 *     handshake run.
 * <li>{@code mrfp-relay}: {@link MrfpRelayCpu}: the MRFP's CPU per message against a stunnel4 PSK pair.
 * <li>{@code mrfp-slow-reader}: {@link MrfpSlowReader}: a participant reading at 5 MB/s for the measured seconds.
 * </ul>
 */
final class DaemonScenarios {
    /** The scenarios' names, in the order they run. */
    static final List<String> NAMES = List.of("capif-psk", "capif-outage", "mrfp-relay", "mrfp-slow-reader");
    /** Client threads of the handshake comparison: the benchmark (4 threads). */
    static final int PSK_THREADS = 4;
    /** Client threads of the outage run: enough to see each second's outcome, little enough to leave the CCF room. */
    static final int OUTAGE_THREADS = 2;
    /** The MRFP line: the relay's CPU per message at or below the stunnel4 pair's. */
    static final double MRFP_RELAY_MAX_RATIO = 1.0;
    private static final Pattern RELAY_RATIO = Pattern.compile("(\\d+)-octet chunks: .*CPU per message ([0-9.]+)x");

    private final Path out;
    private final int warmupSeconds;
    private final int seconds;

    /**
     * {@code warmupSeconds} and {@code seconds}: bench-load's {@code --warmup} and {@code --duration}, given to each
     * driver as its warm-up and measured time (the outage run keeps its fixed 60 s with a 10 s outage, the issue's).
     */
    DaemonScenarios(Path out, int warmupSeconds, int seconds) {
        this.out = out;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    /** One scenario's outcome: its verdict lines and whether the line holds. */
    record Outcome(String scenario, List<String> verdicts, boolean holds) {}

    /** Runs the named scenarios (those of {@link #NAMES} among {@code chosen}), in {@link #NAMES}' order. */
    List<Outcome> run(List<String> chosen) throws IOException, InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : NAMES) {
            if (chosen.contains(name)) {
                outcomes.add(run(name));
            }
        }
        return outcomes;
    }

    private Outcome run(String name) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        Path dir = Files.createDirectories(out.resolve(name)).toAbsolutePath();
        // Each driver's own arguments (see its comment); the launcher is the repository's, as deployed.
        List<String> command = switch (name) {
            case "capif-psk" -> List.of("bash", "keygate-bench/scripts/capif-psk-bench.sh", Integer.toString(seconds),
                    Integer.toString(PSK_THREADS), Integer.toString(warmupSeconds));
            case "capif-outage" -> List.of("bash", "keygate-bench/scripts/capif-ccf-outage.sh",
                    Integer.toString(OUTAGE_THREADS), Integer.toString(warmupSeconds));
            case "mrfp-relay" -> List.of(java, "-cp", classpath, MrfpRelayCpu.class.getName(),
                    Integer.toString(warmupSeconds), Integer.toString(seconds), "./keygate", dir.toString());
            case "mrfp-slow-reader" -> List.of(java, "-cp", classpath, MrfpSlowReader.class.getName(),
                    Integer.toString(seconds), "5000000", Integer.toString(32 * 1024), "./keygate", dir.toString());
            default -> throw new IllegalArgumentException("scenario: " + name + " (expected: one of " + NAMES + ")");
        };
        BiFunction<Integer, List<String>, Outcome> verdict = switch (name) {
            case "mrfp-relay" -> (rc, lines) -> relayVerdict(name, rc, lines);
            default -> (rc, lines) -> driverVerdict(name, rc, lines);
        };
        System.out.println();
        System.out.println("== " + name + ": " + String.join(" ", command).replace(classpath, "<bench classpath>")
                + " (output also in " + out.resolve(name + ".log") + ")");
        List<String> lines = new ArrayList<>();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(out.resolve(name + ".log"))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line);
                log.write(line + "\n");
                lines.add(line);
            }
        } finally {
            p.getOutputStream().close();
        }
        int rc = p.waitFor();
        Outcome o = verdict.apply(rc, lines);
        o.verdicts().forEach(v -> System.out.println(name + ": " + v));
        return o;
    }

    /**
     * The scripts and the slow reader check the line themselves and exit 1 when it does not hold; their
     * verdict lines are the ones naming the line's terms.
     */
    static Outcome driverVerdict(String name, int rc, List<String> lines) {
        List<String> v = new ArrayList<>(lines.stream().map(String::strip).filter(DaemonScenarios::isVerdictLine)
                .toList());
        v.add(rc == 0 ? "the issue's line holds (driver exit 0)" : "the issue's line does NOT hold (driver exit " + rc + ")");
        return new Outcome(name, v, rc == 0);
    }

    private static boolean isVerdictLine(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.startsWith("issue 20") || l.startsWith("while the ccf was down") || l.startsWith("first handshake")
                || l.startsWith("ccf started again at") || l.startsWith("aef at the end")
                || l.startsWith("the same aef") || l.contains("mrfp peak rss") || l.contains("after the drain");
    }

    /**
     * {@link MrfpRelayCpu} exits 1 only when a chunk was lost or reordered; the CPU line ("at or below the stunnel4
     * pair's") is read from the ratios it prints.
     */
    static Outcome relayVerdict(String name, int rc, List<String> lines) {
        List<String> v = new ArrayList<>();
        boolean holds = rc == 0;
        int ratios = 0;
        for (String line : lines) {
            Matcher m = RELAY_RATIO.matcher(line);
            if (m.find()) {
                double ratio = Double.parseDouble(m.group(2));
                ratios++;
                holds &= ratio <= MRFP_RELAY_MAX_RATIO;
                v.add(String.format(Locale.ROOT, "%s-octet messages: MRFP CPU per message %.2fx the stunnel4 pair's "
                        + "(issue 20: at most %.1fx): %s", m.group(1), ratio, MRFP_RELAY_MAX_RATIO,
                        ratio <= MRFP_RELAY_MAX_RATIO ? "met" : "missed"));
            }
        }
        if (ratios == 0) {
            holds = false;
            v.add("no CPU ratio in the driver's output: verdict unknown");
        }
        v.add(rc == 0 ? "every message arrived once and in order"
                : "driver exit " + rc + ": a message lost or reordered, or the run failed (its output above)");
        return new Outcome(name, v, holds);
    }

    /** The summary for bench-load's report: one line per verdict. */
    static String markdown(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder("| scenario | issue 20's line | verdict |\n|---|---|---|\n");
        for (Outcome o : outcomes) {
            b.append("| ").append(o.scenario()).append(" | ").append(o.holds() ? "holds" : "does not hold").append(" | ")
                    .append(String.join("; ", o.verdicts()).replace("|", "/")).append(" |\n");
        }
        return b.toString();
    }

    static Optional<String> unknown(List<String> chosen, List<String> others) {
        return chosen.stream().filter(s -> !NAMES.contains(s) && !others.contains(s)).findFirst();
    }
}
