package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {
    /** Two cores at 10 ms per request: 200/s at most, so the last steps level off. */
    private static final String STEPS =
            """
            name: steps
            workload:
              profile: { steps: { rates: [%s], each: 10s } }
              classes:
                - name: page
                  cpu: { exponential: 10ms }
            architecture:
              pool: { instances: 1, cores: 2, workers: 64 }
            """;

    @TempDir
    Path dir;

    private Path simulate(String rates) throws Exception {
        Path spec = dir.resolve("steps.yaml");
        Files.writeString(spec, STEPS.formatted(rates));
        Path run = dir.resolve("run");
        assertThat(CliRun.of("simulate", spec.toString(), "--out", run.toString())
                        .exitCode())
                .isZero();
        return run;
    }

    @Test
    void stepRun_printsTheFitAndTheTable_andWritesUslJson() throws Exception {
        Path run = simulate("20/s, 60/s, 100/s, 140/s, 170/s, 190/s, 205/s, 220/s");

        CliRun fit = CliRun.of("fit", run.toString());

        assertThat(fit.exitCode()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("8 levels of load (steps)", "sigma", "kappa", "lambda", "measured/s");
        JsonNode usl = new ObjectMapper().readTree(run.resolve("usl.json").toFile());
        assertThat(usl.path("format").asText()).isEqualTo("headroom-usl/1");
        assertThat(usl.path("points")).hasSize(8);
        // Throughput levels off near the two cores' 200/s: the fitted ceiling or peak says so.
        assertThat(usl.path("peakThroughputPerSecond").asDouble()).isBetween(180.0, 260.0);
        assertThat(usl.path("rSquared").asDouble()).isGreaterThan(0.95);
        // The first step offers 20/s: Little's law gives about 20/s x 10 ms = 0.2 in the system.
        assertThat(usl.path("points").get(0).path("concurrency").asDouble()).isBetween(0.15, 0.3);
    }

    @Test
    void twoSteps_isRefusedWithExitTwo() throws Exception {
        Path run = simulate("50/s, 100/s");

        CliRun fit = CliRun.of("fit", run.toString());

        assertThat(fit.exitCode()).isEqualTo(2);
        assertThat(fit.err()).contains("no USL fit", "2 levels of load", "more steps");
        assertThat(run.resolve("usl.json")).doesNotExist();
    }

    @Test
    void notARunDirectory_isRefusedWithExitTwo() {
        CliRun fit = CliRun.of("fit", dir.toString());
        assertThat(fit.exitCode()).isEqualTo(2);
        assertThat(fit.err()).contains("not a run directory", "fix:");
    }

    @Test
    void csvOfPoints_isFitted_andABadLineIsLocated() throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "concurrency,throughput\n1,100\n2,190\n4,330\n8,480\n16,560\n32,520\n");
        CliRun ok = CliRun.of("fit", csv.toString(), "--json");
        assertThat(ok.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(ok.out()).path("points")).hasSize(6);

        Files.writeString(csv, "1,100\n2,x\n");
        CliRun bad = CliRun.of("fit", csv.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("points.csv:2:1", "'2,x'", "fix:");
    }
}
