package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.spec.SpecException;
import dev.headroom.plan.Evaluation;
import dev.headroom.plan.LocalExecutor;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanSetup;
import dev.headroom.plan.Planner;
import dev.headroom.plan.Trial;
import dev.headroom.plan.TrialRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plans of the stories (issue 12) answer what the stories say: going-cloud's cheapest fix is a
 * gp3 volume, and swap-instances passes only once the database changes, whatever the web tier.
 * Each plan is the story file's own {@code plan:} section; the profile is shortened where only the
 * peak matters, and the 80 minutes going-cloud needs to empty its gp2 bucket are run as two trials.
 */
class StoryPlansTest {
    private static final Path STORIES = Path.of("../examples/stories");

    /** swap-instances with each step of its profile held 20 s instead of 3 minutes: the same peak. */
    private static final List<String> SHORT_STEPS = List.of("workload.profile.steps.each=20s");

    @Test
    void swapInstances_noWebTypeOrCountPasses_andTheDatabaseGivesOut() throws Exception {
        Plan plan = plan(
                "swap-instances.yaml",
                SHORT_STEPS,
                List.of(
                        "architecture.pool.type=c5.large,c5.xlarge,c5.2xlarge",
                        "architecture.pool.instances=2..16",
                        "architecture.db.type=m5.large",
                        "architecture.db.volume.iops=3000"));

        assertThat(plan.chosen()).isEmpty();
        assertThat(plan.counts().space()).isEqualTo(45);
        assertThat(plan.counts().passed()).isZero();
        // With nothing passing, every configuration is listed with why it fails.
        assertThat(plan.cheaper()).hasSize(45);
        for (Plan.Candidate k : plan.cheaper()) {
            assertThat(k.status()).isNotEqualTo(Plan.Status.PASSED);
            assertThat(k.component()).as(k.values() + ": " + k.detail()).isIn("web.cpu", "db.cpu");
            if (webCores(k.values()) * 1_000 / 8 >= 1_500) {
                // A web tier that can serve the 1,500/s step (8 ms of CPU a page) leaves the database.
                assertThat(k.component()).as(k.values() + ": " + k.detail()).isEqualTo("db.cpu");
            }
        }
        Plan.Candidate biggest = plan.cheaper().stream()
                .filter(k -> k.values().contains("architecture.pool.type=c5.2xlarge")
                        && k.values().contains("architecture.pool.instances=16"))
                .findFirst()
                .orElseThrow();
        assertThat(biggest.component()).isEqualTo("db.cpu");
        assertThat(plan.bound()).get().asString().contains("db.cpu serves at most 556/s");
    }

    @Test
    void swapInstances_storyPlan_changesTheDatabaseClassAndIops() throws Exception {
        Plan plan = plan("swap-instances.yaml", SHORT_STEPS, List.of());

        assertThat(plan.asWritten()).get().extracting(Evaluation::passed).isEqualTo(false);
        assertThat(plan.chosen()).isPresent();
        List<String> changes = plan.changes();
        String dbType = value(changes, "architecture.db.type").orElseThrow();
        assertThat(dbType).isIn("m5.2xlarge", "m5.4xlarge");
        // Three I/Os a page at 1,500/s need more than the volume's included 3,000 IOPS.
        assertThat(Integer.parseInt(
                        value(changes, "architecture.db.volume.iops").orElseThrow()))
                .isGreaterThan(3_000);
        assertThat(plan.chosen().get().evaluation().passed()).isTrue();
        // No configuration with the database as written passed: the cheaper ones that fail include them all.
        assertThat(plan.pareto())
                .allSatisfy(k -> assertThat(k.values()).doesNotContain("architecture.db.type=m5.large"));
        assertThat(plan.cheaper())
                .filteredOn(k -> k.values().contains("architecture.db.type=m5.large")
                        && webCores(k.values()) * 1_000 / 8 >= 1_500)
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k.component()).isEqualTo("db.cpu"));
    }

    @Test
    void goingCloud_storyPlan_choosesGp3_theCheapestValidVolume() throws Exception {
        // Two minutes at 800 clicks/s: the gp2 bucket is still full, so this checks the space and the
        // prices; the next test runs the 80 minutes that empty it.
        Plan plan = plan("going-cloud.yaml", List.of("workload.profile.constant.duration=2m"), List.of());

        assertThat(plan.counts().space()).isEqualTo(81);
        // gp2 with iops (18), gp3 below its included 3,000 IOPS (9), io1 without iops (9).
        assertThat(plan.counts().invalid()).isEqualTo(36);
        assertThat(plan.changes()).containsExactly("architecture.db.volume.type=gp3");
        assertThat(plan.chosen().get().values())
                .contains("architecture.db.volume.size=100GiB", "architecture.db.shards=1");
        // gp3 costs less than the gp2 as written: nothing in the space is cheaper.
        assertThat(plan.cheaper()).isEmpty();
        assertThat(plan.chosen().get().evaluation().eventCost())
                .isLessThan(plan.asWritten().orElseThrow().eventCost());
    }

    @Test
    void goingCloud_overTheStorysEightyMinutes_gp2FailsOnceItsCreditsRunOut_andGp3Holds() throws Exception {
        String text = Files.readString(STORIES.resolve("going-cloud.yaml"));
        Trial asWritten =
                new Trial("going-cloud.yaml", text, STORIES.toString(), List.of(), 1.0, 20260101L, false, true);
        Trial gp3 = new Trial(
                "going-cloud.yaml",
                text,
                STORIES.toString(),
                List.of("architecture.db.volume.type=gp3"),
                1.0,
                20260101L,
                false,
                true);

        List<Evaluation> results;
        try (LocalExecutor executor = new LocalExecutor(2)) {
            results = executor.evaluate(List.of(asWritten, gp3));
        }

        Evaluation gp2 = results.get(0);
        assertThat(gp2.passed()).isFalse();
        assertThat(gp2.goal()).isEqualTo("errors");
        assertThat(gp2.component()).isEqualTo("db.disk");
        // 5.4 million credits drain at 1,600 - 300 IOPS: empty after 4,154 s; the goal is lost after that.
        assertThat(gp2.stoppedEarly()).isTrue();
        assertThat(gp2.simulatedSeconds()).isGreaterThan(4_154);
        Evaluation fixed = results.get(1);
        assertThat(fixed.passed()).as(fixed.detail()).isTrue();
        assertThat(fixed.stoppedEarly()).isFalse();
        assertThat(fixed.simulatedSeconds()).isGreaterThanOrEqualTo(80 * 60.0);
        assertThat(TrialRunner.spec(gp3)
                        .architecture()
                        .db()
                        .orElseThrow()
                        .disk()
                        .orElseThrow()
                        .volumeType())
                .isEqualTo("gp3");
    }

    private static Plan plan(String story, List<String> overrides, List<String> vary)
            throws IOException, SpecException, InterruptedException {
        Path file = STORIES.resolve(story);
        Planner.Request request = PlanSetup.request(
                file.toString(),
                Files.readString(file),
                STORIES,
                overrides,
                new PlanSetup.Flags(vary, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        try (LocalExecutor executor = new LocalExecutor(2)) {
            return Planner.plan(request, executor);
        }
    }

    private static Optional<String> value(List<String> overrides, String path) {
        return overrides.stream()
                .filter(o -> o.startsWith(path + "="))
                .map(o -> o.substring(path.length() + 1))
                .findFirst();
    }

    /** The web tier's cores: c5.large has 2 vCPUs, c5.xlarge 4, c5.2xlarge 8. */
    private static int webCores(List<String> values) {
        String type = value(values, "architecture.pool.type").orElseThrow();
        int per =
                switch (type) {
                    case "c5.large" -> 2;
                    case "c5.xlarge" -> 4;
                    case "c5.2xlarge" -> 8;
                    default -> throw new IllegalArgumentException(type);
                };
        return per
                * Integer.parseInt(value(values, "architecture.pool.instances").orElseThrow());
    }
}
