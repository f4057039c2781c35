package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration round trip: a simulated run of a known spec, dressed as a measurement in the demo
 * shop's metric vocabulary, must give back the spec's demands and capacities.
 */
class CalibrateCommandTest {
    /** Two cores at 4 ms of CPU per request; two queries of 1.5 ms on one of four connections. */
    private static final String KNOWN =
            """
            name: known
            seed: 7
            workload:
              profile: { steps: { rates: [50/s, 100/s, 150/s, 200/s, 300/s, 450/s, 600/s], each: 15s } }
              classes:
                - name: page
                  cpu: { exponential: 4ms }
                  db: { queries: 2, cpu: { exponential: 1.5ms } }
            architecture:
              pool: { instances: 1, cores: 2, workers: 16, acceptQueue: unlimited }
              db: { connections: 4, cores: 4 }
            """;

    @TempDir
    Path dir;

    @Test
    void roundTrip_givesBackTheKnownDemands_andTheSpecLoadsAndAgrees() throws Exception {
        Path measured = measuredRun(true);
        Path specOut = dir.resolve("calibrated.yaml");

        CliRun run = CliRun.of(
                "calibrate",
                measured.toString(),
                "--spec",
                specOut.toString(),
                "--sim-out",
                dir.resolve("sim").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode c =
                new ObjectMapper().readTree(measured.resolve("calibration.json").toFile());
        JsonNode cal = c.path("calibration");
        // The utilisation law per 1 s interval, median over the levels below the knee: within 5%.
        assertThat(cal.path("cpuMillis").path("median").asDouble()).isCloseTo(4.0, withinPercentage(5));
        assertThat(cal.path("dbMillis").path("median").asDouble()).isCloseTo(3.0, withinPercentage(5));
        assertThat(cal.path("queries").path("median").asDouble()).isCloseTo(2.0, withinPercentage(1));
        assertThat(cal.path("overlapMillis").asDouble()).isZero();
        assertThat(cal.path("cores").asInt()).isEqualTo(2);
        assertThat(cal.path("poolSize").asInt()).isEqualTo(4);
        assertThat(cal.path("workers").asInt()).isEqualTo(16);
        // Two cores at 4 ms: 500/s at most; the steps at 450/s and 600/s are past the knee.
        assertThat(cal.path("kneeOfferedPerSecond").asDouble()).isBetween(300.0, 600.0);

        Spec spec = SpecLoader.load(specOut, List.of());
        assertThat(spec.workload().classes()).hasSize(1);
        assertThat(Files.readString(specOut)).contains("# CPU: process_cpu_seconds_total/s");
        assertThat(dir.resolve("sim").resolve("run.json")).exists();

        JsonNode check = c.path("check");
        assertThat(check.path("throughputWithinTarget").asBoolean()).isTrue();
        assertThat(check.path("simulated").path("p50Millis").asDouble())
                .isCloseTo(check.path("measured").path("p50Millis").asDouble(), withinPercentage(20));
        assertThat(run.out()).contains("below the knee", "differences and what explains them");
    }

    @Test
    void runWithoutScrapedMetrics_isRefusedWithExitTwo() throws Exception {
        Path measured = measuredRun(false);

        CliRun run = CliRun.of(
                "calibrate",
                measured.toString(),
                "--spec",
                dir.resolve("x.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no metrics scraped from the target", "fix:");
        assertThat(dir.resolve("x.yaml")).doesNotExist();
    }

    @Test
    void unknownMetricRole_isRefusedWithTheValidOnes() throws Exception {
        Path measured = measuredRun(true);
        CliRun run = CliRun.of(
                "calibrate",
                measured.toString(),
                "--spec",
                dir.resolve("x.yaml").toString(),
                "--metric",
                "cpu-secs=x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown role 'cpu-secs'", "cpu-seconds");
    }

    /** The known spec simulated, written as a measured run whose metrics the demo shop would have exposed. */
    private Path measuredRun(boolean withMetrics) throws Exception {
        Path specFile = dir.resolve("known.yaml");
        Files.writeString(specFile, KNOWN);
        Spec spec = SpecLoader.load(specFile, List.of());
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult result = Simulation.run(spec, new SimOptions(7, OptionalDouble.empty(), timeline::add));
        Path out = dir.resolve("measured");
        try (RunDirectory run = RunDirectory.create(out)) {
            run.copySpec(specFile);
            for (TimelineRecord r : timeline) {
                run.appendTimeline(new TimelineRecord(
                        r.t(),
                        r.offeredPerSecond(),
                        r.arrivals(),
                        r.completed(),
                        r.retries(),
                        r.errors(),
                        r.latencyMillis(),
                        Map.of(),
                        r.latencyMillis(),
                        null,
                        withMetrics ? shopMetrics(r) : null));
            }
            RunMetadata meta = new RunMetadata(
                    RunMetadata.FORMAT,
                    "measurement",
                    "known-measured",
                    "known",
                    "test",
                    7,
                    specFile.toString(),
                    "",
                    List.of(),
                    "poisson",
                    105,
                    600);
            run.writeRun(new Run(meta, result.summary()));
        }
        return out;
    }

    /** The shop's vocabulary from the simulator's components: busy cores, connections held, requests. */
    private static Map<String, Double> shopMetrics(TimelineRecord r) {
        ComponentSample cpu = r.components().get("web.cpu");
        ComponentSample connections = r.components().get("db.connections");
        double responseSeconds = r.latencyMillis().mean() * r.latencyMillis().count() / 1000;
        Map<String, Double> m = new TreeMap<>();
        m.put("process_cpu_seconds_total/s", cpu.utilization() * 2);
        m.put("process_cpu_count", 2.0);
        m.put("shop_db_query_seconds_sum/s", connections.inUse());
        m.put("shop_db_query_seconds_count/s", 2.0 * r.completed());
        m.put("shop_pool_size", 4.0);
        m.put("shop_worker_threads", 16.0);
        m.put("shop_requests_total{endpoint=\"page\"}/s", (double) r.completed());
        m.put("shop_request_seconds_sum{endpoint=\"page\"}/s", responseSeconds);
        m.put("shop_request_seconds_count{endpoint=\"page\"}/s", (double)
                r.latencyMillis().count());
        return m;
    }
}
