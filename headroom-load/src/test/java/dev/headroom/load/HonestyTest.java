package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.run.HlogFiles;
import dev.headroom.model.run.LatencySummary;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coordinated omission, a target that dies, and the interval logs. */
class HonestyTest {
    @TempDir
    Path dir;

    /**
     * The server answers at once except for 1 s in every 5 s, when it answers nothing. At a
     * constant rate a fifth of the requests are due during a freeze, and one due u seconds into
     * it waits 1 - u: latency exceeds x with probability 0.2 (1 - x), so the analytic p99 is 0.95 s
     * and p90 0.5 s. With 4 connections the client cannot send during a freeze; the service time
     * (from the send) therefore misses the freeze, as a closed-loop tool would report it.
     */
    @Test
    void freezingServer_p99FromDueTimeShowsTheFreezes_serviceTimeDoesNot() throws Exception {
        try (TestServer server = new TestServer().warmed().freeze(5_000, 1_000)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: freeze
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 200/s, duration: 20s } }
                    requests: [ { path: / } ]
                    client: { connections: 4 }
                    """
                            .formatted(server.url()),
                    dir);

            LatencySummary latency = r.run().summary().latencyMillis();
            LatencySummary service = r.run().measurement().serviceMillis();
            // The freezes set a floor the generator cannot go under; a busy machine adds to it (the
            // backlog after each freeze drains more slowly), so the ceiling has room.
            assertThat(latency.p99()).isBetween(900.0, 1_500.0);
            assertThat(latency.p90()).isBetween(450.0, 1_000.0);
            // Measured from the send, the freezes vanish: a closed-loop tool's blind spot.
            assertThat(service.p99()).isLessThan(300.0).isLessThan(latency.p99() / 3);
            // The arrivals held during a freeze waited for a connection: the target's doing, recorded
            // as backpressure wait, not as the generator's lag, and the measurement stays valid.
            assertThat(r.run().measurement().waitMillis().p99()).isGreaterThan(500.0);
            assertThat(r.run().measurement().lagMillis().p99())
                    .isLessThan(r.run().measurement().waitMillis().p99() / 10);
            assertThat(r.run().measurement().invalid()).isFalse();
        }
    }

    @Test
    void targetThatDies_countsConnectionErrorsByKind_andStillWritesItsResults() throws Exception {
        TestServer server = new TestServer().warmed();
        // Killed once it has answered 150 requests, however long the machine took to get there.
        Thread killer = new Thread(() -> {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (server.count() < 150 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            server.kill();
        });
        try (server) {
            killer.start();
            LoadEngine.Result r = Runs.run(
                    """
                    name: dies
                    target: %s
                    workload:
                      profile: { constant: { rate: 100/s, duration: 4s } }
                    requests: [ { path: / } ]
                    """
                            .formatted(server.url()),
                    dir);
            killer.join();

            var s = r.run().summary();
            assertThat(s.completed()).isBetween(140L, 160L);
            assertThat(s.errors()).containsKey("connect-refused");
            assertThat(s.errors().get("connect-refused")).isGreaterThan(150L);
            assertThat(s.completed() + s.errorCount()).isEqualTo(s.requests());
            assertThat(r.run().measurement().status()).isEqualTo("completed");
            assertThat(Files.readAllLines(dir.resolve("timeline.jsonl"))).hasSizeGreaterThanOrEqualTo(4);
            assertThat(dir.resolve("run.json")).isNotEmptyFile();
        }
    }

    @Test
    void intervalLogs_areStandardHlog_andAddUpToTheRun() throws Exception {
        try (TestServer server = new TestServer().warmed()) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: hlog
                    target: %s
                    workload:
                      profile: { constant: { rate: 300/s, duration: 3s } }
                    requests:
                      - { name: a, path: /a, weight: 2 }
                      - { name: b, path: /b }
                    """
                            .formatted(server.url()),
                    dir);

            long all = 0;
            long tagged = 0;
            int intervals = 0;
            try (FileInputStream in =
                    new FileInputStream(dir.resolve(HlogFiles.LATENCY).toFile())) {
                HistogramLogReader reader = new HistogramLogReader(in);
                EncodableHistogram h;
                while ((h = reader.nextIntervalHistogram()) != null) {
                    long count = ((org.HdrHistogram.Histogram) h).getTotalCount();
                    if (h.getTag() == null) {
                        all += count;
                        intervals++;
                    } else {
                        tagged += count;
                    }
                }
            }
            assertThat(intervals).isGreaterThanOrEqualTo(3);
            assertThat(all).isEqualTo(r.run().summary().completed());
            assertThat(tagged).isEqualTo(all);
            assertThat(r.run().summary().classes().get("a").count())
                    .isGreaterThan(r.run().summary().classes().get("b").count());
        }
    }
}
