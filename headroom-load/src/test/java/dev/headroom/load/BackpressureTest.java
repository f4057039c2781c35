package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.run.HlogFiles;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.TimelineRecord;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delay from due time to send in its two parts: the backpressure wait (every connection busy,
 * the target's slowness) and the generator's own lag, each recorded per request, per interval and
 * for the run, in run.json, the timeline and the interval logs.
 */
@Timeout(60)
class BackpressureTest {
    @TempDir
    Path dir;

    /**
     * A target that holds every request 100 ms behind 2 connections carries at most 20/s; offered
     * 50/s, the arrivals queue for a connection and their wait grows past a second. It is recorded as
     * wait, not as the generator's lag, so the lag limit holds and the measurement stays valid.
     */
    @Test
    void slowTargetBehindTwoConnections_waitIsRecordedApartFromLag_andTheLagLimitHolds() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(100)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: backpressure
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 50/s, duration: 3s } }
                    requests: [ { path: / } ]
                    client: { connections: 2, eventLoops: 1, grace: 1s }
                    """
                            .formatted(server.url()),
                    dir);

            Measurement m = r.run().measurement();
            long requests = r.run().summary().requests();
            assertThat(m.waitMillis()).isNotNull();
            // 150 arrivals, 20/s served: the backlog grows by 30/s, and the later arrivals wait seconds.
            assertThat(m.waitMillis().p99()).isGreaterThan(1_000.0);
            assertThat(m.lagMillis().p99()).isLessThan(m.waitMillis().p99() / 10);
            // Every arrival gets both parts recorded, a zero when it did not wait.
            assertThat(m.waitMillis().count()).isEqualTo(requests);
            assertThat(m.lagMillis().count()).isEqualTo(requests);
            Measurement.Verdict lagLimit = m.verdicts().stream()
                    .filter(v -> v.kind().equals(Measurement.Verdict.LAG_LIMIT))
                    .findFirst()
                    .orElseThrow();
            assertThat(lagLimit.passed()).isTrue();
            assertThat(lagLimit.observed()).isEqualTo(m.lagMillis().p99());
            assertThat(m.invalid()).isFalse();

            // The timeline: each second's wait, adding up to the run's.
            List<TimelineRecord> timeline = Files.readAllLines(dir.resolve("timeline.jsonl")).stream()
                    .map(line -> read(line, TimelineRecord.class))
                    .toList();
            assertThat(timeline).allSatisfy(t -> assertThat(t.waitMillis()).isNotNull());
            assertThat(timeline.stream().mapToLong(t -> t.waitMillis().count()).sum())
                    .isEqualTo(requests);
            assertThat(timeline.stream()
                            .mapToDouble(t -> t.waitMillis().max())
                            .max()
                            .orElse(0))
                    .isEqualTo(m.waitMillis().max());

            // wait.hlog: standard interval histograms that merge to the run's.
            Histogram merged = new Histogram(3);
            try (FileInputStream in =
                    new FileInputStream(dir.resolve(HlogFiles.WAIT).toFile())) {
                HistogramLogReader reader = new HistogramLogReader(in);
                EncodableHistogram h;
                while ((h = reader.nextIntervalHistogram()) != null) {
                    merged.add((Histogram) h);
                }
            }
            assertThat(merged.getTotalCount()).isEqualTo(requests);
            assertThat(merged.getValueAtPercentile(99) / 1000.0)
                    .isEqualTo(m.waitMillis().p99());
        }
    }

    /** run.json carries {@code waitMillis}; a file written before it existed still reads, without it. */
    @Test
    void runJson_hasWaitMillis_andAnOlderFileWithoutItStillReads() throws Exception {
        try (TestServer server = new TestServer().warmed()) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: fields
                    target: %s
                    workload: { profile: { constant: { rate: 50/s, duration: 1s } } }
                    requests: [ { path: / } ]
                    """
                            .formatted(server.url()),
                    dir);

            JsonNode tree = RunJson.mapper().readTree(dir.resolve("run.json").toFile());
            JsonNode measurement = tree.get("measurement");
            assertThat(measurement.has("lagMillis")).isTrue();
            assertThat(measurement.get("waitMillis").get("count").asLong())
                    .isEqualTo(r.run().summary().requests());
            Run back = RunJson.mapper().treeToValue(tree, Run.class);
            assertThat(back.measurement().waitMillis())
                    .isEqualTo(r.run().measurement().waitMillis());

            ((ObjectNode) measurement).remove("waitMillis");
            Run old = RunJson.mapper().treeToValue(tree, Run.class);
            assertThat(old.measurement().waitMillis()).isNull();
            assertThat(old.measurement().lagMillis())
                    .isEqualTo(r.run().measurement().lagMillis());
            assertThat(old.measurement().invalid()).isFalse();
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return RunJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
