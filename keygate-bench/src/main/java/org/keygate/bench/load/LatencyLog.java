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

    /** Every line must have the three fields; a status of -1 (h2load: no response) counts as non-2xx. */
    public static LatencyLog parse(List<String> lines) {
        long[] micros = new long[lines.size()];
        int n = 0;
        long non2xx = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\t");
            if (f.length != 3) {
                throw new IllegalArgumentException("h2load log line \"" + line + "\" (expected: start\\tstatus\\tduration)");
            }
            int status = Integer.parseInt(f[1]);
            if (status < 200 || status > 299) {
                non2xx++;
            }
            micros[n++] = Long.parseLong(f[2]);
        }
        if (n == 0) {
            throw new IllegalArgumentException("h2load log without a request");
        }
        return new LatencyLog(Arrays.copyOf(micros, n), non2xx);
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
