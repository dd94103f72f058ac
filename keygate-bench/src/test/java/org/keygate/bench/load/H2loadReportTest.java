package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary of real h2load 1.52 runs, recorded from this machine: a timed run of the benchmark (-D with a
 * warm-up, all 2xx, times in ms and s; the benchmark's nghttpx-pair runs whose 2xx outnumber, or fall short of,
 * their done requests) and a count-based run against the lab UDM with half the URIs naming an unknown subscriber
 * (404). Expected values are read off the recorded text.
 */
class H2loadReportTest {
    static String resource(String name) throws IOException {
        try (InputStream in = H2loadReportTest.class.getResourceAsStream("/h2load/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTimedRunGivesItsRateCountsAndTimes() throws IOException {
        H2loadReport r = H2loadReport.parse(resource("timed.h2load.txt"));
        assertThat(r.requestsPerSecond()).isEqualTo(118.67);
        assertThat(r.seconds()).isCloseTo(4.03, within(1e-9));
        assertThat(r.total()).isEqualTo(356);
        assertThat(r.done()).isEqualTo(356);
        assertThat(r.succeeded()).isEqualTo(356);
        assertThat(r.status2xx()).isEqualTo(356);
        assertThat(r.dataBytes()).isEqualTo(107512);
        // time for request: 548.06ms 1.96s 1.24s 224.35ms: mixed units become milliseconds
        assertThat(r.meanMillis()).isCloseTo(1240, within(1e-9));
        assertThat(r.sdMillis()).isCloseTo(224.35, within(1e-9));
        assertThat(r.maxMillis()).isCloseTo(1960, within(1e-9));
        assertThat(r.allSucceeded()).isTrue();
    }

    @Test
    void failuresAreCountedAndTheRunIsNotAllSucceeded() throws IOException {
        H2loadReport r = H2loadReport.parse(resource("mixed.h2load.txt"));
        assertThat(r.seconds()).isCloseTo(0.394, within(1e-9));
        assertThat(r.requestsPerSecond()).isEqualTo(50.76);
        assertThat(r.done()).isEqualTo(20);
        assertThat(r.succeeded()).isEqualTo(10);
        assertThat(r.failed()).isEqualTo(10);
        assertThat(r.status2xx()).isEqualTo(10);
        assertThat(r.status4xx()).isEqualTo(10);
        assertThat(r.status5xx()).isZero();
        assertThat(r.maxMillis()).isCloseTo(274.38, within(1e-9));
        assertThat(r.allSucceeded()).isFalse();
    }

    @Test
    void responsesWhoseStreamsClosedAfterThePeriodStillMakeACleanRun() throws IOException {
        // Recorded from the nghttpx pair's max run of `bench-load` (2026-12-03 18:44): 45 responses' HEADERS came
        // inside the measured period, their streams closed after it.
        H2loadReport r = H2loadReport.parse(resource("ended-in-flight.h2load.txt"));
        assertThat(r.done()).isEqualTo(506253);
        assertThat(r.status2xx()).isEqualTo(506298);
        assertThat(r.status4xx() + r.status5xx()).isZero();
        assertThat(r.allSucceeded()).isTrue();
    }

    @Test
    void responsesWhoseHeadersCameInTheWarmUpStillMakeACleanRun() throws IOException {
        // Recorded from the nghttpx pair's max run of `bench-load` (2026-12-03 22:52): 28 streams got their HEADERS
        // in the warm-up and closed inside the measured period.
        H2loadReport r = H2loadReport.parse(resource("started-in-warm-up.h2load.txt"));
        assertThat(r.done()).isEqualTo(516109);
        assertThat(r.status2xx()).isEqualTo(516081);
        assertThat(r.status4xx() + r.status5xx()).isZero();
        assertThat(r.allSucceeded()).isTrue();
    }

    @Test
    void processesRunSideBySideCountAsOneRun() throws IOException {
        H2loadReport timed = H2loadReport.parse(resource("timed.h2load.txt"));
        H2loadReport mixed = H2loadReport.parse(resource("mixed.h2load.txt"));
        H2loadReport both = H2loadReport.combined(List.of(timed, mixed));
        assertThat(both.requestsPerSecond()).isCloseTo(118.67 + 50.76, within(1e-9));
        assertThat(both.seconds()).isCloseTo(4.03, within(1e-9));
        assertThat(both.done()).isEqualTo(376);
        assertThat(both.succeeded()).isEqualTo(366);
        assertThat(both.failed()).isEqualTo(10);
        assertThat(both.status2xx()).isEqualTo(366);
        assertThat(both.status4xx()).isEqualTo(10);
        assertThat(both.dataBytes()).isEqualTo(107512 + 3910);
        assertThat(both.maxMillis()).isCloseTo(1960, within(1e-9));
        // By hand: (356 * 1240 + 20 * 147.01) / 376; the pooled deviation of both parts about that mean.
        assertThat(both.meanMillis()).isCloseTo(1181.862, within(1e-3));
        assertThat(both.sdMillis()).isCloseTo(329.174, within(1e-3));
        assertThat(both.allSucceeded()).isFalse();
        assertThat(H2loadReport.combined(List.of(timed))).isEqualTo(timed);
    }

    @Test
    void anOutputWithoutTheSummaryIsRefused() {
        assertThatThrownBy(() -> H2loadReport.parse("starting benchmark...\nconnect to 127.0.0.1:1 failed\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finished in");
    }

    @Test
    void microsecondsAndSecondsBecomeMilliseconds() {
        assertThat(H2loadReport.millis("975", "us")).isEqualTo(0.975);
        assertThat(H2loadReport.millis("1.15", "ms")).isEqualTo(1.15);
        assertThat(H2loadReport.millis("1.61", "s")).isCloseTo(1610, within(1e-9));
    }
}
