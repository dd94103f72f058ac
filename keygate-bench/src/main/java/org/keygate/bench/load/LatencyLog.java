package org.keygate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The per-request lines of h2load's {@code --log-file} (h2load(1): start time in microseconds since the epoch,
 * HTTP status code, duration in microseconds, tab-separated) and their percentiles. h2load prints no percentiles
 * of its own, only mean, sd and max.
 */
public record LatencyLog(long[] sortedMicros, long non2xx) {
    public LatencyLog {
        sortedMicros = sortedMicros.clone();
        Arrays.sort(sortedMicros);
    }

    public static LatencyLog read(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return parse(lines.toList());
        }
    }

    /**
     * Every line must have the three fields. A status of 0 is a stream whose response HEADERS arrived in the warm-up:
     * h2load records a status only inside the measured period, and logs the stream when it closes there (its summary
     * then counts it done, and succeeded if it ended well, without a 2xx); it is not a failure. Any other status
     * outside 2xx (-1 included) counts as non-2xx.
     */
    public static LatencyLog parse(List<String> lines) {
        return of(entries(lines));
    }

    /** The requests of one run, or of several h2load processes run side by side. */
    public static LatencyLog of(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("h2load log without a request");
        }
        long non2xx = entries.stream().filter(e -> !e.is2xx() && !e.statusInWarmUp()).count();
        return new LatencyLog(entries.stream().mapToLong(Entry::durationMicros).toArray(), non2xx);
    }

    /** The log's lines, in order, blank ones left out. */
    public static List<Entry> entries(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).map(Entry::parse).toList();
    }

    /**
     * One request as h2load logged it: when it started (microseconds since the epoch), its HTTP status ({@code -1}:
     * the stream ended without a response, e.g. refused by the server's GOAWAY or reset) and how long it took.
     */
    public record Entry(long startMicros, int status, long durationMicros) {
        static Entry parse(String line) {
            String[] f = line.trim().split("\t");
            if (f.length != 3) {
                throw new IllegalArgumentException("h2load log line \"" + line + "\" (expected: start\\tstatus\\tduration)");
            }
            return new Entry(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]));
        }

        public boolean is2xx() {
            return status >= 200 && status <= 299;
        }

        /** h2load saw this stream's status before the measured period began (see {@link LatencyLog#parse}). */
        public boolean statusInWarmUp() {
            return status == 0;
        }

        public long endMicros() {
            return startMicros + durationMicros;
        }
    }

    public int count() {
        return sortedMicros.length;
    }

    /**
     * The nearest-rank percentile (the smallest duration with at least p % of the requests at or below it), in
     * milliseconds; p in (0, 100].
     */
    public double percentileMillis(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " (expected: 0 < p <= 100)");
        }
        int rank = (int) Math.ceil(p / 100 * sortedMicros.length);
        return sortedMicros[Math.max(rank, 1) - 1] / 1000.0;
    }

    @Override
    public long[] sortedMicros() {
        return sortedMicros.clone();
    }
}
