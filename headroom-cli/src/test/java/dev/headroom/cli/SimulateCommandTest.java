package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final String SPEC =
            """
            name: small
            workload:
              profile: { constant: { rate: 200/s, duration: 20s } }
              classes:
                - name: read
                  weight: 3
                  cpu: { exponential: 2ms }
                  db: { queries: 1, cpu: 1ms }
                - name: write
                  cpu: 3ms
                  db: { queries: 2, cpu: { exponential: 2ms }, io: 1 }
            architecture:
              lb: { routing: round-robin }
              pool: { instances: 2, cores: 1, workers: 8 }
              db: { connections: 4, cores: 2, disk: { iops: 1000, latency: 2ms } }
            """;

    @TempDir
    Path dir;

    private Path spec() throws Exception {
        Path p = dir.resolve("small.yaml");
        Files.writeString(p, SPEC);
        return p;
    }

    @Test
    void json_printsSummaryWithTheDocumentedFields() throws Exception {
        CliRun run = CliRun.of(
                "simulate",
                spec().toString(),
                "--json",
                "--out",
                dir.resolve("run").toString());

        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode s = root.path("summary");
        assertThat(s.path("requests").asLong()).isBetween(3_600L, 4_400L);
        assertThat(s.path("throughputPerSecond").asDouble()).isBetween(180.0, 220.0);
        for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
            assertThat(s.path("latencyMillis").path(p).asDouble()).as(p).isPositive();
        }
        assertThat(s.path("errors").isObject()).isTrue();
        assertThat(s.path("components").path("web.cpu").path("utilization").asDouble())
                .isBetween(0.2, 0.35);
        assertThat(s.path("components").path("db.connections").has("utilization"))
                .isTrue();
        assertThat(root.path("metadata").path("seed").asLong()).isEqualTo(20_260_101L);
    }

    @Test
    void runDirectory_holdsRunTimelineAndSpec_byteIdenticalForTheSameSeed() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(CliRun.of("simulate", spec().toString(), "--seed", "7", "--out", a.toString())
                        .exitCode())
                .isZero();
        assertThat(CliRun.of("simulate", spec().toString(), "--seed", "7", "--out", b.toString())
                        .exitCode())
                .isZero();

        for (String f : List.of("run.json", "timeline.jsonl", "spec.yaml")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        List<String> timeline = Files.readAllLines(a.resolve("timeline.jsonl"));
        assertThat(timeline.size()).isBetween(20, 22);
        JsonNode first = new ObjectMapper().readTree(timeline.get(0));
        assertThat(first.path("components").path("db.connections").has("waiting"))
                .isTrue();
        assertThat(first.path("components").path("web").has("inUse")).isTrue();
    }

    @Test
    void differentSeeds_giveDifferentRuns() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun.of("simulate", spec().toString(), "--seed", "1", "--out", a.toString());
        CliRun.of("simulate", spec().toString(), "--seed", "2", "--out", b.toString());
        assertThat(Files.readString(a.resolve("timeline.jsonl")))
                .isNotEqualTo(Files.readString(b.resolve("timeline.jsonl")));
    }

    @Test
    void set_isTheWhatIf_andIsRecordedInTheRun() throws Exception {
        CliRun base = CliRun.of(
                "simulate",
                spec().toString(),
                "--json",
                "--out",
                dir.resolve("a").toString());
        CliRun more = CliRun.of(
                "simulate",
                spec().toString(),
                "--json",
                "--out",
                dir.resolve("b").toString(),
                "--set",
                "architecture.pool.instances=4");
        ObjectMapper json = new ObjectMapper();
        double utilBase = json.readTree(base.out())
                .path("summary")
                .path("components")
                .path("web.cpu")
                .path("utilization")
                .asDouble();
        JsonNode moreRoot = json.readTree(more.out());
        double utilMore = moreRoot.path("summary")
                .path("components")
                .path("web.cpu")
                .path("utilization")
                .asDouble();
        assertThat(utilMore).isCloseTo(utilBase / 2, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(moreRoot.path("metadata").path("overrides").get(0).asText())
                .isEqualTo("architecture.pool.instances=4");
    }

    @Test
    void duration_shortensTheRun() throws Exception {
        CliRun run = CliRun.of(
                "simulate",
                spec().toString(),
                "--json",
                "--duration",
                "5s",
                "--out",
                dir.resolve("r").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(run.out())
                        .path("summary")
                        .path("requests")
                        .asLong())
                .isBetween(800L, 1_200L);
    }

    /** A profile of 100/s for 10 s then 400/s for 10 s, cut to its first 10 s: the peak and mean of what ran. */
    @Test
    void duration_printsThePeakAndMeanOfTheWindow_notOfTheWholeProfile() throws Exception {
        Path p = dir.resolve("two-steps.yaml");
        Files.writeString(
                p,
                SPEC.replace(
                        "profile: { constant: { rate: 200/s, duration: 20s } }",
                        "profile: { phases: [ { constant: { rate: 100/s, duration: 10s } },"
                                + " { constant: { rate: 400/s, duration: 10s } } ] }"));
        CliRun whole = CliRun.of(
                "simulate",
                p.toString(),
                "--headroom",
                "off",
                "--out",
                dir.resolve("w").toString());
        CliRun cut = CliRun.of(
                "simulate",
                p.toString(),
                "--headroom",
                "off",
                "--duration",
                "10s",
                "--out",
                dir.resolve("c").toString());

        assertThat(whole.out()).contains("profile   20s simulated, peak 400/s, mean 250/s");
        assertThat(cut.out()).contains("profile   10s simulated, peak 100/s, mean 100/s");
        JsonNode run = new ObjectMapper().readTree(Files.readString(dir.resolve("c/run.json")));
        assertThat(run.path("metadata").path("peakRatePerSecond").asDouble()).isEqualTo(100.0);
    }

    @Test
    void textSummary_showsLatencyComponentsAndRunDirectory() throws Exception {
        CliRun run = CliRun.of(
                "simulate", spec().toString(), "--out", dir.resolve("r").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("seed 20260101 (default)", "latency ms", "p99", "web.cpu", "db.disk", "run directory:");
        assertThat(run.out().lines().filter(l -> !l.contains(dir.toString())))
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void badSpec_exits2_withEveryProblemLocated_andNoStackTrace() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                SPEC.replace("instances: 2", "instnces: 2")
                        .replace("timeout", "x")
                        .replace("cores: 2,", "cores: -2,"));
        CliRun run = CliRun.of("simulate", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(bad + ":14:", "did you mean 'instances'", bad + ":15:", "must be at least 1", "fix:");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void invalidOverridePath_exits2_withSuggestion() throws Exception {
        CliRun run = CliRun.of("simulate", spec().toString(), "--set", "architecture.pol.instances=3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--set architecture.pol.instances=3", "did you mean 'pool'");
    }

    @Test
    void invalidOverrideValue_exits2_locatedInTheOverride() throws Exception {
        CliRun run = CliRun.of("simulate", spec().toString(), "--set", "architecture.pool.cores=lots");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--set architecture.pool.cores=lots:1:25", "not a whole number");
    }

    @Test
    void badDuration_exits2() throws Exception {
        assertThat(CliRun.of("simulate", spec().toString(), "--duration", "5").err())
                .contains("needs a unit");
        CliRun tooLong = CliRun.of("simulate", spec().toString(), "--duration", "1h");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("lasts only 20s");
    }

    @Test
    void missingFile_exits2() {
        CliRun run = CliRun.of("simulate", dir.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.yaml", "cannot read the file");
    }

    @Test
    void unknownOption_exits2() throws Exception {
        assertThat(CliRun.of("simulate", spec().toString(), "--sed", "3").exitCode())
                .isEqualTo(2);
    }

    /**
     * The summary prints the two figures apart, then every line: 2 c5.large ($0.085) and a
     * db.m5.large RDS class ($0.171) for the 20 s run, and an ALB whose capacity units only the run
     * pays. Steady: (0.17 + 0.0225 + 0.171) x 730 = $265.36 a month.
     */
    @Test
    void summary_printsTheEventCostAndTheSteadyMonthApart_withEveryLineItem() throws Exception {
        Path p = dir.resolve("billed.yaml");
        Files.writeString(
                p,
                SPEC.replace("lb: { routing: round-robin }", "lb: { routing: round-robin, type: alb }")
                        .replace("pool: { instances: 2,", "pool: { instances: 2, type: c5.large,")
                        .replace("db: { connections: 4,", "db: { type: db.m5.large, connections: 4,"));

        CliRun run = CliRun.of(
                "simulate",
                p.toString(),
                "--headroom",
                "off",
                "--out",
                dir.resolve("b").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("steady $265.36/month ($0.3635/hour)")
                .containsPattern("web \\(2 x c5\\.large\\) +EC2 +\\$0\\.1700/hour +\\$0\\.0009")
                .containsPattern("lb capacity units \\([0-9.]+ on average\\) +ELB +\\$0\\.0000/hour")
                .containsPattern("db primary \\(db\\.m5\\.large\\) +RDS +\\$0\\.1710/hour +\\$0\\.00(09|10)");
        JsonNode cost = new ObjectMapper()
                .readTree(dir.resolve("b/run.json").toFile())
                .path("summary")
                .path("cost");
        assertThat(cost.path("steadyPerMonth").asDouble()).isEqualTo(265.355);
        assertThat(cost.path("items").get(2).path("service").asText()).isEqualTo("ELB");
    }
}
