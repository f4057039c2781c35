package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code headroom plan} as a user and a hostile user drive it: the exit code says whether a
 * configuration passes (0), none does (1) or the input is bad (2); {@code --json} and {@code --out}
 * carry the answer; {@code --survive one-failure} refuses a single point of failure.
 */
class PlanCommandTest {
    /** 30 s of profile at 600/s, 4 ms of CPU a request: one c5.large (2 vCPUs, 500/s) cannot serve it. */
    static final String SPEC =
            """
            # A small shop for plan tests.
            name: tiny-shop
            seed: 7
            goals: { p99: 200ms, errors: 0.5% }
            workload:
              profile:
                phases:
                  - ramp: { from: 100/s, to: 600/s, duration: 10s }
                  - constant: { rate: 600/s, duration: 20s }
              classes:
                - name: browse
                  cpu: { exponential: 4ms }
                  db: { queries: 2, cpu: { exponential: 0.4ms }, io: 0 }
            architecture:
              client: { timeout: 5s }
              lb: { routing: least-outstanding }
              pool: { instances: 4, type: c5.large, workers: 64, acceptQueue: 128 } # the web tier
              db: { engine: postgres, type: m5.large, connections: 100, volume: { type: gp3, size: 100GiB } }
            """;

    /**
     * Two balancers and client retries, so only the pool and the database can be single points of
     * failure; a 1 s failover, so a Multi-AZ database survives its loss within the minute of profile.
     */
    static final String SURVIVE_SPEC =
            """
            name: survive-shop
            seed: 5
            goals: { p99: 500ms, errors: 3% }
            workload:
              profile: { steps: { rates: [50/s, 100/s], each: 30s } }
              classes: [ { name: a, cpu: 2ms, db: { queries: 1, cpu: 1ms } } ]
            architecture:
              client: { retries: 2, backoff: 50ms }
              lb: { count: 2, healthCheck: { interval: 2s, healthy: 2, unhealthy: 3 } }
              pool: { instances: 1, type: c5.large }
              db: { type: db.m5.large, failover: 1s }
            """;

    static final String INSTANCES = "architecture.pool.instances";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static CliRun plan(Path spec, String... args) {
        List<String> all = new ArrayList<>(List.of("plan", spec.toString(), "--threads", "2"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aPassingConfiguration_exitsZero_withTheAnswerFirst() throws Exception {
        CliRun run = plan(write("tiny.yaml", SPEC), "--vary", INSTANCES + "=1..6");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        String out = run.out();
        assertThat(out.lines().skip(1).findFirst())
                .hasValueSatisfying(l -> assertThat(l).startsWith("cheapest that passes: "));
        // 1 instance serves 500/s < 600/s, so the law rules it out; 2 serve 1,000/s at 60% and pass.
        assertThat(out).contains("  --set architecture.pool.instances=2\n");
        assertThat(out).containsPattern("(?m)^\\s+\\$\\S+~\\s+law bound\\s+capacity\\s+web.cpu\\s+pool.instances=1$");
        assertThat(out.indexOf("cheapest that passes")).isLessThan(out.indexOf("space: 6 configurations"));
        assertThat(out).doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void valuesTheSpecRefuses_areCountedInvalid_notAnError() throws Exception {
        CliRun run = plan(write("tiny.yaml", SPEC), "--vary", INSTANCES + "=0..4", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        JsonNode counts = json(run).get("counts");
        assertThat(counts.get("space").asInt()).isEqualTo(5);
        assertThat(counts.get("invalid").asInt()).isEqualTo(1);
    }

    @Test
    void noConfigurationPasses_exitsOne_andNamesTheClosestAndWhatBoundsIt() throws Exception {
        // A p99 of 8 ms is beyond any pool: 4 ms of exponential CPU alone has a p99 of 18 ms.
        Path p = write("tiny.yaml", SPEC.replace("p99: 200ms", "p99: 8ms"));

        Path out = dir.resolve("never.yaml");
        CliRun run = plan(p, "--vary", INSTANCES + "=1..4", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILED);
        assertThat(out).doesNotExist();
        assertThat(run.out()).contains("nothing written to " + out);
        assertThat(run.out()).contains("NO configuration of the space meets the goals.");
        assertThat(run.out()).containsPattern("(?m)^  closest   pool.instances=[2-4]$");
        assertThat(run.out()).containsPattern("(?m)^            screened out, p99: stopped at .* slower than 8 ms");
        assertThat(run.out())
                .containsPattern("(?m)^  bound     architecture.pool.instances=1: web.cpu serves at most 500/s");

        JsonNode json = json(plan(p, "--vary", INSTANCES + "=1..4", "--json"));
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.fieldNames().next()).isEqualTo("verdict");
        assertThat(json.get("verdict").asText()).isEqualTo("broken");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("overrides")).isEmpty();
        assertThat(json.get("closest").get("goal").asText()).isEqualTo("p99");
        assertThat(json.get("bound").asText()).contains("serves at most 500/s");
    }

    static Stream<Arguments> badInput() {
        String spec = "tiny.yaml";
        return Stream.of(
                        Arguments.of(
                                List.of("--vary", INSTANCES), "--vary architecture.pool.instances: ", "PATH=VALUES"),
                        Arguments.of(
                                List.of("--vary", "architecture.pool.type=machines(family=c5)"),
                                "'machines': unknown table",
                                "valid: balancers, cache, instances, rds, volumes"),
                        Arguments.of(
                                List.of("--vary", "architecture.pool.type=instances(colour=red)"),
                                "'colour=red': unknown field 'colour'",
                                "family"),
                        Arguments.of(List.of("--vary", INSTANCES + "=6..2"), "the range 6..2 runs backwards", "2..6"),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..20000"),
                                "the range 1..20000 has 20,000 values, more than 10,000",
                                "use a step"),
                        Arguments.of(
                                List.of(
                                        "--vary",
                                        INSTANCES + "=1..1000",
                                        "--vary",
                                        "architecture.db.connections=1..101"),
                                "the space holds 101,000 configurations, more than 100,000",
                                "fewer values"),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..3", "--vary", INSTANCES + "=4,5"),
                                "architecture.pool.instances is varied twice (also by --vary architecture.pool.instances=1..3)",
                                "one --vary"),
                        Arguments.of(List.of("--vary", INSTANCES + "=1..3", "--margin", "0"), "--margin '0'", "fix: "),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..3", "--margin", "-1"), "--margin '-1'", "fix: "),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..3", "--margin", "abc"), "--margin 'abc'", "fix: "),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..3", "--margin", "1000"), "--margin '1000'", "100x"),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..3", "--minimise", "foo"),
                                "--minimise 'foo': must be one of event, monthly",
                                "fix: "),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=1..3", "--survive", "foo"),
                                "--survive 'foo': must be one of none, one-failure",
                                "fix: "),
                        Arguments.of(
                                List.of("--vary", "architecture.pool.instancez=1..3"),
                                "no configuration of the space is a valid spec",
                                "did you mean 'instances'"),
                        Arguments.of(
                                List.of("--vary", INSTANCES + "=-2..0"),
                                "no configuration of the space is a valid spec",
                                "must be at least 1"),
                        Arguments.of(List.of(), "nothing to vary", "--vary"))
                .map(a -> Arguments.of(spec, a.get()[0], a.get()[1], a.get()[2]));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void badInput_exitsTwo_sayingWhatWhereAndAFix(String name, List<String> args, String what, String fix)
            throws Exception {
        CliRun run = plan(write(name, SPEC), args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains(what).contains(fix).contains("fix: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void threadsBelowOne_exitTwo_ratherThanMeaningEveryCore() throws Exception {
        CliRun run = CliRun.of(
                "plan", write("threads.yaml", SPEC).toString(), "--vary", INSTANCES + "=1..3", "--threads", "0");
        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("--threads 0: must be from 1 to 1024").contains("fix: ");
    }

    @Test
    void aSpecWithoutGoals_exitsTwo() throws Exception {
        CliRun run = plan(
                write("nogoals.yaml", SPEC.replace("goals: { p99: 200ms, errors: 0.5% }\n", "")),
                "--vary",
                INSTANCES + "=1..3");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("the spec has no goals").contains("fix: add goals");
    }

    @Test
    void badValuesInThePlanSection_areReportedTogether_atTheirLineAndColumn_asSpecProblemsAre() throws Exception {
        String text = SPEC + "plan:\n  vary:\n    architecture.pool.instances: 6..2\n";
        int line = (int) text.lines().count();
        text += "    architecture.pool.type: [c5.large, c5.large]\n";
        CliRun run = plan(write("planned.yaml", text));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err())
                .startsWith(dir.resolve("planned.yaml") + ":" + line + ":34: plan.vary.architecture.pool.instances"
                        + " = '6..2': the range 6..2 runs backwards")
                .contains("\n        architecture.pool.instances: 6..2\n" + " ".repeat(4 + 33) + "^\n")
                .contains("fix: write the smaller end first: 2..6")
                .contains(":" + (line + 1) + ":29: plan.vary.architecture.pool.type = 'c5.large,c5.large': the list"
                        + " c5.large,c5.large names c5.large twice")
                .contains("2 problems in the spec.");
    }

    @Test
    void thePlanSection_isAFlagLess_plan_andAVaryReplacesItsPath() throws Exception {
        String text = SPEC + "plan:\n  vary:\n    architecture.pool.instances: 6..8\n  margin: 1.2\n";
        Path p = write("planned.yaml", text);

        JsonNode fromSection = json(plan(p, "--json"));
        JsonNode replaced = json(plan(p, "--json", "--vary", INSTANCES + "=1..3"));

        assertThat(fromSection.get("margin").asDouble()).isEqualTo(1.2);
        assertThat(fromSection.get("overrides").get(0).asText()).isEqualTo(INSTANCES + "=6");
        assertThat(replaced.get("dimensions")).hasSize(1);
        assertThat(replaced.get("dimensions").get(0).get("values").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
        assertThat(replaced.get("overrides").get(0).asText()).isEqualTo(INSTANCES + "=2");
    }

    @Test
    void json_listsTheChosenOverrides_countsThatAddUp_andWhyEachCheaperOneFails() throws Exception {
        CliRun run = plan(
                write("tiny.yaml", SPEC),
                "--json",
                "--vary",
                INSTANCES + "=0..5",
                "--vary",
                "architecture.pool.type=c5.large,m5.large,c5.xlarge");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        JsonNode j = json(run);
        assertThat(j.get("passed").asBoolean()).isTrue();
        assertThat(j.get("verdict").asText()).isEqualTo("met");
        List<String> overrides = new ArrayList<>();
        j.get("overrides").forEach(o -> overrides.add(o.asText()));
        assertThat(overrides).hasSize(2);
        assertThat(overrides.get(0)).matches("architecture\\.pool\\.instances=[0-5]");
        assertThat(overrides.get(1)).matches("architecture\\.pool\\.type=(c5\\.large|m5\\.large|c5\\.xlarge)");
        assertThat(j.get("chosen").get("overrides").toString())
                .isEqualTo(j.get("overrides").toString());

        JsonNode c = j.get("counts");
        int space = c.get("space").asInt();
        assertThat(space).isEqualTo(6 * 3);
        int sum = 0;
        for (String k : List.of("invalid", "pruned", "inferred", "costlier", "screened", "full")) {
            sum += c.get(k).asInt();
        }
        assertThat(sum).as(c.toString()).isEqualTo(space);
        assertThat(c.get("invalid").asInt()).isEqualTo(3);
        assertThat(c.get("passed").asInt()).isBetween(1, c.get("full").asInt());

        double chosenCost = j.get("chosen").get("cost").asDouble();
        assertThat(j.get("cheaper")).isNotEmpty();
        for (JsonNode k : j.get("cheaper")) {
            String status = k.get("status").asText();
            assertThat(status).isIn("failed", "screened-out", "bound", "inferred", "invalid");
            if (k.has("run")) {
                assertThat(k.get("goal").asText()).as(k.toString()).isIn("p99", "errors");
                assertThat(k.get("component").asText()).as(k.toString()).isNotBlank();
            }
            if (status.equals("bound")) {
                assertThat(k.get("goal").asText()).isEqualTo("capacity");
                assertThat(k.get("component").asText()).isEqualTo("web.cpu");
            }
            if (!status.equals("invalid")) {
                assertThat(k.get("cost").asDouble()).as(k.toString()).isLessThan(chosenCost);
            }
        }
    }

    @Test
    void out_writesTheBaseSpecWithTheChosenValues_keepingComments_andItMeetsTheGoalsAtTheMargin() throws Exception {
        Path p = write("tiny.yaml", SPEC);
        Path written = dir.resolve("tiny-planned.yaml");

        CliRun run = plan(
                p,
                "--margin",
                "1.5",
                "--vary",
                INSTANCES + "=1..6",
                "--vary",
                "architecture.pool.type=c5.large,c5.xlarge",
                "--out",
                written.toString(),
                "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        List<String> chosen = new ArrayList<>();
        json(run).get("overrides").forEach(o -> chosen.add(o.asText()));
        String text = Files.readString(written);
        assertThat(text).contains("# A small shop for plan tests.").contains("# the web tier");
        Spec loaded = SpecLoader.load(written, List.of());
        Spec expected = SpecLoader.parse(written.toString(), SPEC, chosen, dir);
        assertThat(loaded).isEqualTo(expected);
        assertThat(loaded).isNotEqualTo(SpecLoader.parse(written.toString(), SPEC, List.of(), dir));

        // The profile at 150%: 900/s at the peak, as the plan required.
        Path scaled = write(
                "tiny-planned-at-margin.yaml", text.replace("600/s", "900/s").replace("100/s", "150/s"));
        CliRun simulated = CliRun.of("simulate", scaled.toString());
        assertThat(simulated.exitCode()).as(simulated.out() + simulated.err()).isEqualTo(Main.OK);
        assertThat(simulated.out()).doesNotContain("GOALS MISSED");
    }

    @Test
    void surviveOneFailure_refusesASinglePointOfFailure_andChoosesOneThatSurvives() throws Exception {
        Path p = write("survive.yaml", SURVIVE_SPEC);
        String[] space = {"--vary", INSTANCES + "=1..3", "--vary", "architecture.db.multiAz=false,true", "--json"};

        JsonNode plain = json(plan(p, space));
        List<String> survive = new ArrayList<>(List.of(space));
        survive.addAll(List.of("--survive", "one-failure"));
        CliRun run = plan(p, survive.toArray(String[]::new));

        // Without the constraint, the cheapest is one instance on a Single-AZ database: two single points of failure.
        assertThat(plain.get("overrides").toString())
                .isEqualTo("[\"" + INSTANCES + "=1\",\"architecture.db.multiAz=false\"]");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        JsonNode j = json(run);
        assertThat(j.get("survive").asText()).isEqualTo("one-failure");
        assertThat(j.get("overrides").toString())
                .isEqualTo("[\"" + INSTANCES + "=2\",\"architecture.db.multiAz=true\"]");
        boolean sawDb = false;
        boolean sawInstance = false;
        for (JsonNode k : j.get("cheaper")) {
            if (k.has("run")) {
                assertThat(k.get("goal").asText()).isEqualTo("survive");
                sawDb |= k.get("component").asText().equals("db");
                sawInstance |= k.get("component").asText().equals("web-1 (one instance)");
            }
        }
        assertThat(sawDb).as("a Single-AZ database is refused for its loss").isTrue();
        assertThat(sawInstance).as("one instance is refused for its loss").isTrue();

        // spof's own verdict on the chosen configuration: no single loss breaks the goals.
        List<String> spof = new ArrayList<>(List.of("spof", p.toString(), "--threads", "2"));
        j.get("overrides").forEach(o -> spof.addAll(List.of("--set", o.asText())));
        CliRun check = CliRun.of(spof.toArray(String[]::new));
        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(Main.OK);
        assertThat(check.out()).contains("no single loss breaks the goal");
    }
}
