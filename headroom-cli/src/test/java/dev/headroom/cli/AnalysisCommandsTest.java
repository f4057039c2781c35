package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis as the commands use it: findings.json, the findings first in the summary, compare. */
class AnalysisCommandsTest {
    private static final Path STORIES = Path.of("../examples/stories");

    private static final String SMALL =
            """
            name: small
            goals: { p99: 50ms, errors: 1% }
            workload:
              profile: { constant: { rate: 200/s, duration: 20s } }
              classes:
                - name: read
                  cpu: { exponential: 2ms }
                  db: { queries: 1, cpu: 1ms }
            architecture:
              lb: { routing: round-robin }
              pool: { instances: 2, cores: 1, workers: 8 }
              db: { connections: 4, cores: 2 }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static JsonNode findings(Path runDir) throws Exception {
        return new ObjectMapper().readTree(runDir.resolve("findings.json").toFile());
    }

    private JsonNode story(String name, String... sets) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of(
                "simulate", STORIES.resolve(name + ".yaml").toString(), "--out", out.toString(), "--headroom", "off"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        return findings(out);
    }

    /**
     * M/M/1 with mu = 100/s and a p99 goal of ln(100) / 20 s = 230.26 ms: the response time is
     * exponential with rate mu - lambda (Kleinrock vol. 1, eq. 3.26), so its p99 is ln(100) / (mu -
     * lambda) and the goal holds up to lambda = 80/s, 1.6 times the profile's 50/s.
     */
    @Test
    void headroomSearch_onMM1_findsTheClosedFormRateWithin3Percent() throws Exception {
        Path spec = write(
                "mm1.yaml",
                """
                name: mm1-headroom
                goals: { p99: 230.26ms }
                workload:
                  profile: { constant: { rate: 50/s, duration: 2000s } }
                  classes:
                    - name: request
                      cpu: { exponential: 10ms }
                architecture:
                  client: { timeout: 24h }
                  pool: { instances: 1, cores: 1, workers: unlimited, acceptQueue: unlimited }
                """);
        Path out = dir.resolve("mm1");
        CliRun run = CliRun.of("simulate", spec.toString(), "--out", out.toString(), "--headroom", "on");

        assertThat(run.exitCode()).isZero();
        JsonNode h = findings(out).path("headroom");
        assertThat(h.path("method").asText()).isEqualTo("search");
        assertThat(h.path("sustainedRatePerSecond").asDouble()).isCloseTo(80.0, within(80.0 * 0.03));
        assertThat(h.path("ratio").asDouble()).isCloseTo(1.6, within(1.6 * 0.03));
        assertThat(h.path("bounded").asBoolean()).isTrue();
        assertThat(run.out()).contains("HEADROOM 1.");
    }

    @Test
    void goingCloud_bottleneckIsTheDisk_andTheChainStartsWithTheVolumeCredits() throws Exception {
        JsonNode f = story("going-cloud", "workload.profile.constant.duration=72m");

        JsonNode b = f.path("bottleneck");
        assertThat(b.path("component").asText()).isEqualTo("db.disk");
        JsonNode chain = b.path("chain");
        assertThat(chain.get(0).path("what").asText()).isEqualTo("volume I/O credits exhausted");
        // 5.4 million credits drained at 1,600 - 300 IOPS: 4,154 s (STORIES.md), within 2%.
        assertThat(chain.get(0).path("t").asDouble()).isCloseTo(4154, within(83.0));
        List<String> order = new ArrayList<>();
        chain.forEach(l ->
                order.add(l.path("component").asText() + ": " + l.path("what").asText()));
        assertThat(order)
                .containsSubsequence(
                        "db.disk: volume I/O credits exhausted",
                        "db.disk: IOPS capped at 300",
                        "db.connections: connections exhausted",
                        "web: workers all busy");
        assertThat(order.get(order.size() - 1)).startsWith("run: errors over goal");
    }

    @Test
    void flashSale_bottleneckIsTheAutoIncrementLock() throws Exception {
        JsonNode f = story("flash-sale", "workload.profile.spike.hold=3m", "workload.profile.spike.decay=1m");

        assertThat(f.path("bottleneck").path("component").asText()).isEqualTo("db.lock.auto_inc");
        assertThat(f.path("verdict").path("outcome").asText()).isEqualTo("broken");
    }

    @Test
    void swapInstances_bottleneckIsTheDatabaseCpu() throws Exception {
        JsonNode f = story("swap-instances");

        assertThat(f.path("bottleneck").path("component").asText()).isEqualTo("db.cpu");
        assertThat(f.path("knee").path("offeredPerSecond").asDouble()).isPositive();
    }

    @Test
    void summary_printsTheVerdictFirst_fitsOneHundredColumns_withoutColourOffATerminal() throws Exception {
        Path spec = write("small.yaml", SMALL);
        CliRun run = CliRun.of(
                "simulate",
                spec.toString(),
                "--out",
                dir.resolve("small").toString(),
                "--set",
                "architecture.pool.instances=1");

        String out = run.out();
        assertThat(out.indexOf("GOALS")).isLessThan(out.indexOf("BOTTLENECK"));
        assertThat(out.indexOf("BOTTLENECK")).isLessThan(out.indexOf("requests "));
        // Every line but the one naming the run directory (a path is never cut).
        assertThat(out.lines().filter(l -> !l.startsWith("run directory: "))).allMatch(l -> l.length() <= 100);
        assertThat(out).doesNotContain("\033[");
        assertThat(dir.resolve("small/findings.json")).exists();
        assertThat(findings(dir.resolve("small")).path("format").asText()).isEqualTo("headroom-findings/1");
    }

    @Test
    void compare_twoRunsSideBySide_withTheDifferences() throws Exception {
        Path spec = write("small.yaml", SMALL);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun.of("simulate", spec.toString(), "--out", a.toString(), "--headroom", "off");
        CliRun.of(
                "simulate",
                spec.toString(),
                "--out",
                b.toString(),
                "--headroom",
                "off",
                "--set",
                "architecture.pool.instances=1");

        CliRun cmp = CliRun.of("compare", a.toString(), b.toString());

        assertThat(cmp.exitCode()).isZero();
        assertThat(cmp.out())
                .contains("B - A")
                .contains("verdict")
                .contains("latency p99")
                .contains("throughput");
        JsonNode json = new ObjectMapper()
                .readTree(CliRun.of("compare", a.toString(), b.toString(), "--json")
                        .out());
        JsonNode p99 = null;
        for (JsonNode r : json.path("rows")) {
            if (r.path("figure").asText().equals("latency p99")) {
                p99 = r;
            }
        }
        assertThat(p99).isNotNull();
        // One instance instead of two: the CPU queue is longer, so p99 is higher in B.
        assertThat(p99.path("b").asDouble()).isGreaterThan(p99.path("a").asDouble());
        assertThat(p99.path("difference").asDouble())
                .isCloseTo(p99.path("b").asDouble() - p99.path("a").asDouble(), within(0.001));
    }

    @Test
    void simulateCompare_runsTheSpecAsWrittenAndWithTheOverrides() throws Exception {
        Path spec = write("small.yaml", SMALL);
        Path out = dir.resolve("what-if");
        CliRun run = CliRun.of(
                "simulate",
                spec.toString(),
                "--out",
                out.toString(),
                "--headroom",
                "off",
                "--set",
                "architecture.pool.instances=4",
                "--compare");

        assertThat(run.out()).contains("as written: " + out + "-as-written").contains("B - A");
        assertThat(dir.resolve("what-if-as-written/findings.json")).exists();
    }

    @Test
    void compare_onADirectoryThatIsNotARun_exits2() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("compare", empty.toString(), empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a run directory").contains("fix:");
    }

    @Test
    void compare_onARunOfAnotherFormatVersion_exits2() throws Exception {
        Path spec = write("small.yaml", SMALL);
        Path a = dir.resolve("a");
        CliRun.of("simulate", spec.toString(), "--out", a.toString(), "--headroom", "off");
        Path runJson = a.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("headroom-run/2", "headroom-run/9"));

        CliRun run = CliRun.of("compare", a.toString(), a.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("headroom-run/9").contains("headroom-run/2");
    }

    @Test
    void compare_aRunCutShort_isReportedPartial() throws Exception {
        Path spec = write("small.yaml", SMALL);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun.of("simulate", spec.toString(), "--out", a.toString(), "--headroom", "off");
        CliRun.of("simulate", spec.toString(), "--out", b.toString(), "--headroom", "off");
        Files.delete(b.resolve("run.json"));

        CliRun run = CliRun.of("compare", a.toString(), b.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("b").path("partial").asBoolean()).isTrue();
        assertThat(json.path("b").path("verdict").asText()).isEqualTo("partial");
        assertThat(json.path("a").path("partial").asBoolean()).isFalse();
    }
}
