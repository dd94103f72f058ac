package org.keygate.bench.load;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one h2load run printed (nghttp2's h2load(1) summary), the parts the benchmark uses: the rate over the
 * measured period, the request counts and status classes, the bytes of response bodies, and h2load's own
 * per-request time statistics (its mean, sd and max; the percentiles come from the log file, {@link LatencyLog}).
 */
public record H2loadReport(double seconds, double requestsPerSecond, long total, long done, long succeeded,
        long failed, long errored, long timeout, long status2xx, long status4xx, long status5xx, long dataBytes,
        double meanMillis, double sdMillis, double maxMillis) {

    // finished in 20.00s, 2719.35 req/s, 1.23MB/s
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(us|ms|s), ([0-9.]+) req/s");
    // requests: 54387 total, 54515 started, 54387 done, 54387 succeeded, 0 failed, 0 errored, 0 timeout
    private static final Pattern REQUESTS = Pattern.compile("requests: (\\d+) total, \\d+ started, (\\d+) done, "
            + "(\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    // status codes: 54387 2xx, 0 3xx, 0 4xx, 0 5xx
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx, \\d+ 3xx, (\\d+) 4xx, (\\d+) 5xx");
    // traffic: 22.50MB (23592960) total, 1.02MB (1069632) headers (space savings 95.16%), 14.72MB (15439908) data
    private static final Pattern TRAFFIC = Pattern.compile("traffic: .* \\((\\d+)\\) data");
    //                      min         max         mean         sd        +/- sd
    // time for request:      1.91ms     62.31ms     11.70ms      5.71ms    72.44%
    private static final String TIME = "([0-9.]+)(us|ms|s)";
    private static final Pattern REQUEST_TIME = Pattern.compile(
            "time for request:\\s+" + TIME + "\\s+" + TIME + "\\s+" + TIME + "\\s+" + TIME);

    /** Parses h2load's standard output; a summary without one of the lines above is refused. */
    public static H2loadReport parse(String output) {
        Matcher f = find(FINISHED, output, "finished in ...");
        Matcher r = find(REQUESTS, output, "requests: ...");
        Matcher s = find(STATUS, output, "status codes: ...");
        Matcher t = find(TRAFFIC, output, "traffic: ...");
        Matcher q = find(REQUEST_TIME, output, "time for request: ...");
        return new H2loadReport(millis(f.group(1), f.group(2)) / 1000, Double.parseDouble(f.group(3)),
                Long.parseLong(r.group(1)), Long.parseLong(r.group(2)), Long.parseLong(r.group(3)),
                Long.parseLong(r.group(4)), Long.parseLong(r.group(5)), Long.parseLong(r.group(6)),
                Long.parseLong(s.group(1)), Long.parseLong(s.group(2)), Long.parseLong(s.group(3)),
                Long.parseLong(t.group(1)), millis(q.group(5), q.group(6)), millis(q.group(7), q.group(8)),
                millis(q.group(3), q.group(4)));
    }

    /**
     * The summaries of h2load processes run side by side as one run: rates, counts and octets added, the longest
     * duration and slowest request, the mean and standard deviation of all their requests (each part's weighted by
     * its requests done).
     */
    public static H2loadReport combined(List<H2loadReport> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no h2load summary to combine");
        }
        long done = parts.stream().mapToLong(H2loadReport::done).sum();
        double mean = done == 0 ? 0 : parts.stream().mapToDouble(p -> p.done() * p.meanMillis()).sum() / done;
        double variance = done == 0 ? 0 : parts.stream().mapToDouble(p -> p.done()
                * (p.sdMillis() * p.sdMillis() + (p.meanMillis() - mean) * (p.meanMillis() - mean))).sum() / done;
        return new H2loadReport(parts.stream().mapToDouble(H2loadReport::seconds).max().orElseThrow(),
                parts.stream().mapToDouble(H2loadReport::requestsPerSecond).sum(), sum(parts, H2loadReport::total),
                done, sum(parts, H2loadReport::succeeded), sum(parts, H2loadReport::failed),
                sum(parts, H2loadReport::errored), sum(parts, H2loadReport::timeout), sum(parts, H2loadReport::status2xx),
                sum(parts, H2loadReport::status4xx), sum(parts, H2loadReport::status5xx),
                sum(parts, H2loadReport::dataBytes), mean, Math.sqrt(variance),
                parts.stream().mapToDouble(H2loadReport::maxMillis).max().orElseThrow());
    }

    private static long sum(List<H2loadReport> parts, java.util.function.ToLongFunction<H2loadReport> count) {
        return parts.stream().mapToLong(count).sum();
    }

    /**
     * Every request that finished got a 2xx: nothing failed, errored, timed out or was refused. h2load counts a
     * status when the response's HEADERS arrive and a request as done when its stream closes, each only inside the
     * measured period, so the streams in flight at either end of the period make the two counts differ either way:
     * HEADERS just before the period's end add a 2xx without a "done", HEADERS in the warm-up whose stream closed in
     * the period a "done" without its 2xx. So the counts are not compared; a 4xx or 5xx fails the run (and the
     * per-request log, where every request has its status, is checked apart: {@link LatencyLog#non2xx}).
     */
    public boolean allSucceeded() {
        return done > 0 && succeeded == done && failed == 0 && errored == 0 && timeout == 0 && status4xx == 0
                && status5xx == 0;
    }

    private static Matcher find(Pattern p, String output, String what) {
        Matcher m = p.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("h2load output without \"" + what + "\" (did h2load fail?): "
                    + output.lines().limit(5).reduce("", (a, b) -> a + " | " + b));
        }
        return m;
    }

    /** h2load prints times with the unit that fits: us, ms or s. */
    static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> throw new IllegalArgumentException("time unit " + unit);
        };
    }
}
