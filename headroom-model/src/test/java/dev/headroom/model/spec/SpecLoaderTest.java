package dev.headroom.model.spec;

import static dev.headroom.model.spec.Specs.MINIMAL;
import static dev.headroom.model.spec.Specs.SHAPES;
import static dev.headroom.model.spec.Specs.SHOP;
import static dev.headroom.model.spec.Specs.edit;
import static dev.headroom.model.spec.Specs.load;
import static dev.headroom.model.spec.Specs.problem;
import static dev.headroom.model.spec.Specs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Client;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.architecture.Routing;
import dev.headroom.model.profile.Constant;
import dev.headroom.model.profile.Daily;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.profile.Ramp;
import dev.headroom.model.profile.Replay;
import dev.headroom.model.profile.Spike;
import dev.headroom.model.profile.Steps;
import dev.headroom.model.workload.Arrivals;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.model.workload.Distribution;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.model.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecLoaderTest {

    @Test
    void shop_loadsIntoTheRecordsItDescribes() throws SpecException {
        Spec spec = load(SHOP);

        Workload workload = new Workload(
                new Profile(List.of(new Constant(300, 60), new Ramp(300, 1_500, 120), new Constant(1_500, 120)), 1.0),
                Arrivals.POISSON,
                List.of(
                        new RequestClass(
                                "browse",
                                80,
                                new Distribution.LogNormal(4e6, 25e6),
                                new DbDemand(2, new Distribution.Exponential(0.4e6), 0, 0, 0, 0, 0)),
                        new RequestClass(
                                "checkout",
                                20,
                                new Distribution.Exponential(8e6),
                                new DbDemand(5, new Distribution.Exponential(1e6), 2, 0, 0, 0, 0))));
        Architecture architecture = new Architecture(
                new Client(10_000_000_000L),
                Optional.of(new LoadBalancer(Routing.LEAST_OUTSTANDING, OptionalInt.empty(), 1_024, 1)),
                new Pool("web", 4, 2, 64, 128, Optional.empty(), Optional.empty()),
                Optional.of(new Cache(0.7, new Distribution.Fixed(300_000), 4, 1, Optional.empty(), Optional.empty())),
                Optional.of(new Database(
                        "postgres",
                        50,
                        4,
                        Optional.of(Disk.raw(3_000, 1_000_000)),
                        Optional.empty(),
                        0,
                        1,
                        1,
                        Optional.empty())),
                Optional.empty());
        assertThat(spec)
                .isEqualTo(new Spec(
                        "shop",
                        "Three-tier shop, lunch rush on a quiet morning.",
                        OptionalLong.empty(),
                        workload,
                        architecture,
                        dev.headroom.model.goal.Goals.NONE,
                        dev.headroom.model.failure.Failures.NONE,
                        PlanSettings.NONE,
                        // The capacity settings the spec left out, and what they came from.
                        java.util.Map.of(
                                "architecture.cache.cores", "4",
                                "architecture.lb.queueLimit", "1024 (a classic ELB's surge queue)")));
    }

    @Test
    void minimalSpec_takesEveryDefault() throws SpecException {
        Spec spec = load(MINIMAL);

        assertThat(spec.name()).isEqualTo("unnamed");
        assertThat(spec.seed()).isEmpty();
        assertThat(spec.workload().arrivals()).isEqualTo(Arrivals.POISSON);
        assertThat(spec.workload().profile()).isEqualTo(Profile.of(new Constant(100, 300)));
        assertThat(spec.workload().classes())
                .containsExactly(new RequestClass("home", 1.0, new Distribution.Fixed(5_000_000), DbDemand.NONE));
        assertThat(spec.architecture())
                .isEqualTo(new Architecture(
                        new Client(Client.DEFAULT_TIMEOUT_NANOS),
                        Optional.empty(),
                        new Pool(
                                Defaults.POOL_NAME,
                                1,
                                Defaults.POOL_CORES,
                                Defaults.POOL_WORKERS,
                                Defaults.POOL_ACCEPT_QUEUE,
                                Optional.empty(),
                                Optional.empty()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void everyShape_unlimitedLimitsAndPercentages_load(@TempDir Path dir) throws IOException, SpecException {
        Files.writeString(dir.resolve("dinner.csv"), Specs.DINNER_CSV, StandardCharsets.UTF_8);

        Spec spec = SpecLoader.parse("shapes.yaml", SHAPES, List.of(), dir);

        assertThat(spec.seed()).hasValue(42);
        assertThat(spec.workload().arrivals()).isEqualTo(Arrivals.UNIFORM);
        assertThat(spec.workload().profile().scale()).isEqualTo(1.5);
        assertThat(spec.workload().profile().phases())
                .containsExactly(
                        new Steps(List.of(new Steps.Step(100, 30), new Steps.Step(200, 30))),
                        new Spike(100, 1_000, 10, 20, 30, 40, 50),
                        new Daily(50, List.of(new Daily.Peak("lunch", 800, 12.5 * 3600, 90 * 60)), 10 * 3600, 4 * 3600),
                        new Replay(
                                "dinner.csv",
                                List.of(
                                        new Replay.Point(0, 100),
                                        new Replay.Point(60, 250),
                                        new Replay.Point(120, 50))),
                        new Ramp(10, 20, 10));
        assertThat(spec.workload().classes())
                .containsExactly(new RequestClass(
                        "search",
                        2.5,
                        new Distribution.Empirical(List.of(1_000_000L, 2_000_000L, 9_000_000L)),
                        new DbDemand(1, new Distribution.Fixed(2_000_000), 0, 0, 0, 0, 0)));
        assertThat(spec.architecture().lb())
                .hasValue(new LoadBalancer(Routing.ROUND_ROBIN, OptionalInt.of(32), Pool.UNLIMITED, 1));
        assertThat(spec.architecture().pool())
                .isEqualTo(new Pool("api", 3, 4, Pool.UNLIMITED, 10, Optional.empty(), Optional.empty()));
        assertThat(spec.architecture().cache())
                .hasValue(new Cache(0.8, new Distribution.Fixed(500_000), 2, 1, Optional.empty(), Optional.empty()));
        assertThat(spec.architecture().db())
                .hasValue(new Database(
                        "postgres", Pool.UNLIMITED, 8, Optional.empty(), Optional.empty(), 0, 1, 1, Optional.empty()));
    }

    @Test
    void yamlSyntaxError_tab_isLocatedAtTheTab() {
        Problem p = problem(edit(SHOP, "  lb: {", "\tlb: {"));

        assertThat(p.line()).isEqualTo(24);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.path()).isEmpty();
        assertThat(p.rule()).startsWith("YAML syntax error").contains("TAB");
        assertThat(p.fix()).contains("spaces, not tabs");
        assertThat(p.sourceLine()).isEqualTo("\tlb: { routing: least-outstanding }");
    }

    @Test
    void yamlSyntaxError_unclosedBracket_isLocatedWhereTheParserNoticed() {
        Problem p = problem(edit(SHOP, "{ timeout: 10s }", "{ timeout: 10s"));

        assertThat(p.rule()).startsWith("YAML syntax error").contains("flow mapping");
        assertThat(p.line()).isEqualTo(24);
        assertThat(p.column()).isEqualTo(5);
    }

    @Test
    void wrongUnit_durationWithoutUnit_suggestsMillisecondsAndSeconds() {
        Problem p = problem(edit(SHOP, "timeout: 10s", "timeout: 30"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(23, 22, "architecture.client.timeout", "30", "a duration needs a unit");
        assertThat(p.fix()).contains("30ms").contains("30s");
        assertThat(p.source()).isEqualTo("shop.yaml");
        assertThat(p.sourceLine()).isEqualTo("  client: { timeout: 30 }");
    }

    @Test
    void lineShown_countsLinesAsYamlDoes_includingUnicodeLineSeparators() {
        String text = edit(SHOP, "Three-tier shop, lunch", "Three-tier shop,\u2028 lunch");

        Problem p = problem(edit(text, "timeout: 10s", "timeout: 30"));

        assertThat(p.line()).isEqualTo(24);
        assertThat(p.sourceLine()).isEqualTo("  client: { timeout: 30 }");
    }

    @Test
    void wrongUnit_rateWithoutUnit_suggestsPerSecond() {
        Problem p = problem(edit(SHOP, "to: 1500/s", "to: 1500"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(10, 34, "workload.profile.phases[1].ramp.to", "1500", "a rate needs a unit");
        assertThat(p.fix()).contains("1500/s");
    }

    @Test
    void negativeCount_isRejectedWithItsMinimum() {
        Problem p = problem(edit(SHOP, "instances: 4", "instances: -4"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(25, 22, "architecture.pool.instances", "-4", "must be at least 1");
    }

    @Test
    void negativeQueries_isRejected() {
        Problem p = problem(edit(SHOP, "queries: 2", "queries: -2"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(16, 22, "workload.classes[0].db.queries", "-2", "must be at least 0");
    }

    @Test
    void zeroLimit_isRejectedAndUnlimitedIsSuggested() {
        Problem p = problem(edit(SHOP, "workers: 64", "workers: 0"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(25, 44, "architecture.pool.workers", "0", "must be at least 1");
        assertThat(p.fix()).contains("unlimited");
    }

    @Test
    void negativeRate_isRejected() {
        Problem p = problem(edit(SHOP, "rate: 300/s", "rate: -300/s"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(
                        9, 27, "workload.profile.phases[0].constant.rate", "-300/s", "a rate cannot be negative");
    }

    @Test
    void rateBeyondTheDoubleRange_isRejectedNotInfinite() {
        Problem p = problem(edit(SHOP, "rate: 300/s", "rate: 1e400/s"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(
                        9, 27, "workload.profile.phases[0].constant.rate", "1e400/s", "the number is too large");
    }

    @Test
    void weightBeyondTheDoubleRange_isRejectedNotInfinite() {
        Problem p = problem(edit(SHOP, "weight: 80", "weight: 1e400"));

        assertThat(p.path()).isEqualTo("workload.classes[0].weight");
        assertThat(p.rule()).isEqualTo("the number is too large");
    }

    @Test
    void hitRatioAboveOne_isRejected() {
        Problem p = problem(edit(SHOP, "hitRatio: 0.7", "hitRatio: 120%"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(26, 22, "architecture.cache.hitRatio", "120%", "a fraction must lie between 0 and 1");
    }

    @Test
    void impossibleLogNormal_p99BelowMean_isRejected() {
        Problem p = problem(edit(SHOP, "p99: 25ms", "p99: 3ms"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(
                        15,
                        43,
                        "workload.classes[0].cpu.lognormal.p99",
                        "3ms",
                        "a log-normal's p99 must be above its mean");
        assertThat(p.fix()).contains("above 4ms");
    }

    @Test
    void impossibleLogNormal_p99TooFarAboveMean_isRejected() {
        Problem p = problem(edit(SHOP, "p99: 25ms", "p99: 100ms"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                .containsExactly(15, 43, "workload.classes[0].cpu.lognormal.p99", "100ms");
        assertThat(p.rule()).startsWith("no log-normal has a p99 over");
        assertThat(p.fix()).contains("empirical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ms", "2ms", "3ms", "7ms", "250us", "90ms", "1.234s"})
    void impossibleLogNormal_suggestsAP99ThatIsAccepted(String mean) {
        String text = edit(SHOP, "mean: 4ms, p99: 25ms", "mean: " + mean + ", p99: 1h");
        Problem p = problem(text);
        String suggested = p.fix().replaceAll("lower p99 to at most (\\S+), .*", "$1");

        assertThat(p.rule()).isEqualTo("no log-normal has a p99 over 14.97 times its mean");
        assertThatCode(() -> load(edit(SHOP, "mean: 4ms, p99: 25ms", "mean: " + mean + ", p99: " + suggested)))
                .as("p99: %s with mean: %s", suggested, mean)
                .doesNotThrowAnyException();
    }

    @Test
    void unknownRouting_listsTheValidNames() {
        Problem p = problem(edit(SHOP, "least-outstanding", "least-connections"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(24, 18, "architecture.lb.routing", "least-connections", "unknown routing");
        assertThat(p.fix()).contains("least-outstanding").contains("round-robin");
    }

    @Test
    void unknownArrivals_suggestsTheClosestName() {
        Problem p = problem(edit(MINIMAL, "workload:\n", "workload:\n  arrivals: poison\n"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(2, 13, "workload.arrivals", "poison", "unknown value");
        assertThat(p.fix()).startsWith("did you mean 'poisson'?");
    }

    @Test
    void unknownShape_suggestsTheClosestShape() {
        Problem p = problem(edit(SHOP, "- ramp: {", "- rmap: {"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(10, 9, "workload.profile.phases[1].rmap", "rmap", "unknown key");
        assertThat(p.fix()).startsWith("did you mean 'ramp'?");
    }

    @Test
    void unknownKey_suggestsTheClosestKnownKey() {
        Problem p = problem(edit(SHOP, "workers: 64", "wrokers: 64"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(25, 35, "architecture.pool.wrokers", "wrokers", "unknown key");
        assertThat(p.fix()).startsWith("did you mean 'workers'?").contains("acceptQueue");
    }

    @Test
    void unknownTopLevelKey_listsTheValidKeys() {
        Problem p = problem(edit(SHOP, "name: shop\n", "name: shop\nowner: ops\n"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(4, 1, "owner", "owner", "unknown key");
        assertThat(p.fix())
                .contains("architecture, catalog, chaos, description, failures, goals, name, plan, seed, workload");
    }

    @Test
    void planSection_keepsEachDimensionAsWritten_withWhereItWasWritten() throws Exception {
        String text = MINIMAL
                + """
                plan:
                  vary:
                    architecture.pool.instances: 2..20
                    architecture.pool.type: [c5.large, m5.large]
                  margin: 1.5x
                  minimise: monthly
                  survive: one-failure
                """;
        PlanSettings plan = load(text).plan();
        int line = (int) MINIMAL.lines().count() + 3;
        // Equality of a dimension is its path and values; where it was written is checked field by field.
        assertThat(plan.vary())
                .extracting(
                        PlanSettings.Vary::path,
                        PlanSettings.Vary::values,
                        PlanSettings.Vary::source,
                        PlanSettings.Vary::line,
                        PlanSettings.Vary::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "architecture.pool.instances", "2..20", "shop.yaml", line, 34),
                        org.assertj.core.groups.Tuple.tuple(
                                "architecture.pool.type", "c5.large,m5.large", "shop.yaml", line + 1, 29));
        assertThat(plan.margin()).hasValue(1.5);
        assertThat(plan.minimise()).hasValue("monthly");
        assertThat(plan.survive()).hasValue("one-failure");
        assertThat(load(MINIMAL).plan()).isEqualTo(PlanSettings.NONE);
    }

    @Test
    void planSection_badValues_areLocatedProblems() {
        Problem p = problem(MINIMAL + "plan:\n  minimise: cheapest\n");
        assertThat(p).extracting(Problem::path, Problem::value).containsExactly("plan.minimise", "cheapest");
        Problem m = problem(MINIMAL + "plan:\n  margin: 500\n");
        assertThat(m.rule()).contains("at most 100x");
        Problem k = problem(MINIMAL + "plan:\n  vary:\n    architecture.pool.instances: { from: 2 }\n");
        assertThat(k.rule()).contains("a list, a range or a catalog filter");
        Problem u = problem(MINIMAL + "plan:\n  varry: {}\n");
        assertThat(u.rule()).isEqualTo("unknown key");
    }

    @Test
    void cacheWithoutDatabase_isAMissingReference() {
        String noDb =
                edit(SHOP, "  db:\n    connections: 50\n    cores: 4\n    disk: { iops: 3000, latency: 1ms }\n", "");
        noDb = edit(noDb, "      db: { queries: 2, cpu: { exponential: 0.4ms }, io: 0 }\n", "");
        noDb = edit(noDb, "      db: { queries: 5, cpu: { exponential: 1ms }, io: 2 }\n", "");

        Problem p = problem(noDb);

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(
                        24, 10, "architecture.cache", "a cache sits in front of a database, and there is none");
    }

    @Test
    void diskIoWithoutDisk_isAMissingReferenceAtTheIo() {
        Problem p = problem(edit(SHOP, "    disk: { iops: 3000, latency: 1ms }\n", ""));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(
                        20,
                        56,
                        "workload.classes[1].db.io",
                        "checkout",
                        "the class does disk I/O, but the database has no disk");
    }

    @Test
    void classWithQueriesButNoDatabase_isAMissingReferenceAtItsDb() {
        Problem p = problem(edit(MINIMAL, "      cpu: 5ms\n", "      cpu: 5ms\n      db: { queries: 3 }\n"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(
                        9,
                        11,
                        "workload.classes[0].db",
                        "home",
                        "the class queries a database, but the architecture has none");
        assertThat(p.fix()).contains("architecture.db");
    }

    @Test
    void missingReference_afterAClassThatFailedToRead_namesTheRightClass() {
        String text = edit(
                MINIMAL,
                "      cpu: 5ms\n",
                "      cpu: 5\n    - name: cart\n      cpu: 5ms\n      db: { queries: 3 }\n");

        List<Problem> found = problems(text);

        assertThat(found)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                .containsExactlyInAnyOrder(
                        tuple(8, 12, "workload.classes[0].cpu", "5"), tuple(11, 11, "workload.classes[1].db", "cart"));
    }

    @Test
    void severalInstancesWithoutBalancer_isReportedAtTheInstances() {
        Problem p = problem(edit(SHOP, "  lb: { routing: least-outstanding }\n", ""));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(
                        24,
                        22,
                        "architecture.pool.instances",
                        "4",
                        "several instances need a load balancer in front of them");
        assertThat(p.fix()).contains("architecture.lb");
    }

    @Test
    void severalInstancesWithoutBalancer_fromSet_isReportedInTheSetText() {
        Problem p = problem(MINIMAL, "architecture.pool.instances=8");

        assertThat(p)
                .extracting(Problem::source, Problem::column, Problem::rule)
                .containsExactly(
                        "--set architecture.pool.instances=8",
                        "architecture.pool.instances=".length() + 1,
                        "several instances need a load balancer in front of them");
    }

    @Test
    void duplicateClassNames_areReportedAtTheSecondName() {
        Problem p = problem(edit(SHOP, "name: checkout", "name: browse"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(17, 13, "workload.classes[1].name", "browse", "two classes have the same name");
    }

    @Test
    void missingRequiredKey_isReportedOnItsMapping() {
        Problem p = problem(edit(SHOP, "    cores: 4\n", ""));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(28, 5, "architecture.db.cores", null, "is required");
        assertThat(p.fix()).contains("cores: 4");
    }

    @Test
    void missingSections_areEachRequired() {
        List<Problem> found = problems("name: nothing\n");

        assertThat(found)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(tuple(1, 1, "workload", "is required"), tuple(1, 1, "architecture", "is required"));
    }

    @Test
    void emptySpec_saysSo() {
        Problem p = problem("# nothing but a comment\n");

        assertThat(p.rule()).isEqualTo("the spec is empty");
        assertThat(p.line()).isZero();
    }

    @Test
    void aListWhereAMappingBelongs_isReported() {
        Problem p = problem(edit(SHOP, "{ instances: 4, cores: 2, workers: 64, acceptQueue: 128 }", "[4, 2]"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(25, 9, "architecture.pool", "must be a mapping of keys to values");
    }

    @Test
    void misspeltRequiredKey_isOneUnknownKeyProblem_notAlsoMissing() {
        Problem p = problem(edit(SHOP, "{ instances: 4", "{ instnces: 4"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(25, 11, "architecture.pool.instnces", "instnces", "unknown key");
        assertThat(p.fix()).startsWith("did you mean 'instances'?");
    }

    @Test
    void aValueWhereAShapeBelongs_isOneProblem() {
        Problem p = problem(edit(SHOP, "- constant: { rate: 300/s, duration: 1m }", "- constant: 300/s"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(9, 19, "workload.profile.phases[0].constant", "must be a mapping of keys to values");
    }

    @Test
    void aListWhereADistributionBelongs_isOneProblem() {
        Problem p = problem(edit(SHOP, "cpu: { exponential: 8ms }", "cpu: [8ms]"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(19, 12, "workload.classes[1].cpu", "must be a mapping of keys to values");
    }

    @Test
    void aNameWhereAClassBelongs_isOneProblem() {
        Problem p = problem(edit(MINIMAL, "    - name: home\n      cpu: 5ms\n", "    - home\n"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(7, 7, "workload.classes[0]", "must be a mapping of keys to values");
    }

    @Test
    void aValueWhereAListBelongs_isOneProblem() {
        Problem p = problem(edit(MINIMAL, "    - name: home\n      cpu: 5ms\n", "    home\n"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(7, 5, "workload.classes", "must be a list");
    }

    @Test
    void aKeyGivenTwice_isReportedAtTheSecond() {
        Problem p = problem(edit(SHOP, "      weight: 20\n", "      weight: 20\n      weight: 30\n"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(19, 7, "workload.classes[1].weight", "the key appears twice");
    }

    @Test
    void replayFileMissing_isReportedAtTheFileName(@TempDir Path dir) {
        String text = edit(MINIMAL, "constant:\n      rate: 100/s\n      duration: 5m", "replay: { file: gone.csv }");

        SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SpecException.class, () -> SpecLoader.parse("r.yaml", text, List.of(), dir));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                .containsExactly(3, 21, "workload.profile.replay.file", "gone.csv"));
    }

    @Test
    void replayFileNameThatNoFileCanHave_isAProblemNotAReaderBug() {
        String text = edit(MINIMAL, "constant:\n      rate: 100/s\n      duration: 5m", "replay: { file: \"a\\0b\" }");

        Problem p = problem(text);

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value, Problem::rule)
                .containsExactly(3, 21, "workload.profile.replay.file", "a\0b", "is not a valid file name");
    }

    @Test
    void replayFileWithBadLine_namesTheFileLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "0,100\n10,lots\n", StandardCharsets.UTF_8);
        String text = edit(MINIMAL, "constant:\n      rate: 100/s\n      duration: 5m", "replay: { file: bad.csv }");

        SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SpecException.class, () -> SpecLoader.parse("r.yaml", text, List.of(), dir));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p)
                    .extracting(Problem::source, Problem::line, Problem::column, Problem::path, Problem::value)
                    .containsExactly(dir.resolve("bad.csv").toString(), 2, 4, "value", "lots");
            assertThat(p.rule()).isEqualTo("not a number");
            assertThat(p.sourceLine()).isEqualTo("10,lots");
        });
    }

    @Test
    void severalProblems_areAllReportedTogetherInDocumentOrder() {
        String text = SHOP;
        text = edit(text, "timeout: 10s", "timeout: 30");
        text = edit(text, "instances: 4", "instances: -4");
        text = edit(text, "least-outstanding", "fastest");
        text = edit(text, "p99: 25ms", "p99: 3ms");
        text = edit(text, "hitRatio: 0.7", "hitRatio: 0.7, size: 1GB");

        List<Problem> found = problems(text);

        assertThat(found)
                .extracting(Problem::line, Problem::path)
                .containsExactlyInAnyOrder(
                        tuple(15, "workload.classes[0].cpu.lognormal.p99"),
                        tuple(23, "architecture.client.timeout"),
                        tuple(24, "architecture.lb.routing"),
                        tuple(25, "architecture.pool.instances"),
                        tuple(26, "architecture.cache.size"));
        assertThat(found).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
    }

    @Test
    void format_showsFileLineColumnTheLineACaretAndTheFix() {
        SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SpecException.class, () -> load(edit(SHOP, "timeout: 10s", "timeout: 30")));

        String nl = System.lineSeparator();
        assertThat(e.format())
                .isEqualTo("shop.yaml:23:22: architecture.client.timeout = '30': a duration needs a unit" + nl
                        + "      client: { timeout: 30 }" + nl
                        + "                         ^" + nl
                        + "    fix: write it with a unit: 30ms or 30s (ns, us, ms, s, m, h, d)" + nl
                        + nl
                        + "1 problem in the spec.");
    }

    @Test
    void format_countsEveryProblem() {
        String text = edit(edit(SHOP, "timeout: 10s", "timeout: 30"), "instances: 4", "instances: -4");

        SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(SpecException.class, () -> load(text));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.format()).endsWith("2 problems in the spec.").contains("shop.yaml:25:22: ");
    }

    @Test
    void load_aMissingFile_isAProblemNotAnIoException(@TempDir Path dir) {
        SpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SpecException.class, () -> SpecLoader.load(dir.resolve("nope.yaml"), List.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).startsWith("cannot read the file");
            assertThat(p.fix()).isNotBlank();
        });
    }

    @Test
    void load_readsAFileAndResolvesReplayFilesBesideIt(@TempDir Path dir) throws IOException, SpecException {
        Files.writeString(dir.resolve("dinner.csv"), Specs.DINNER_CSV, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("shapes.yaml"), SHAPES, StandardCharsets.UTF_8);

        Spec spec = SpecLoader.load(dir.resolve("shapes.yaml"), List.of());

        assertThat(spec.name()).isEqualTo("shapes");
    }
}
