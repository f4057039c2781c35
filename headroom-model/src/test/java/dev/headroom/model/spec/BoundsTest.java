package dev.headroom.model.spec;

import static dev.headroom.model.spec.Specs.MINIMAL;
import static dev.headroom.model.spec.Specs.SHOP;
import static dev.headroom.model.spec.Specs.edit;
import static dev.headroom.model.spec.Specs.problem;
import static dev.headroom.model.spec.Specs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Numbers and files too large for any real system are located problems, found fast. */
@Timeout(10)
class BoundsTest {
    @TempDir
    Path dir;

    @Test
    void rateOf1e308_isRefusedWhereItIsWritten() {
        Problem p = problem(edit(SHOP, "rate: 1500/s", "rate: 1e308/s"));

        assertThat(p.path()).isEqualTo("workload.profile.phases[2].constant.rate");
        assertThat(p.value()).isEqualTo("1e308/s");
        assertThat(p.line()).isEqualTo(11);
        assertThat(p.sourceLine()).isEqualTo("      - constant: { rate: 1e308/s, duration: 2m }");
        assertThat(p.rule()).isEqualTo("the number is too large");
    }

    @Test
    void rateAboveTheBound_saysTheBoundAndWhy() {
        Problem p = problem(edit(SHOP, "rate: 1500/s", "rate: 20_000_000/s"));

        assertThat(p.rule()).isEqualTo("must be at most 10,000,000/s");
        assertThat(p.fix()).startsWith("write at most 10,000,000/s (");
    }

    @Test
    void aRateAtTheBound_isAccepted() throws SpecException {
        Spec spec = Specs.load(edit(MINIMAL, "rate: 100/s", "rate: 10_000_000/s"));

        assertThat(spec.workload().profile().peakRate()).isEqualTo(10_000_000.0);
    }

    @Test
    void aMillionInstances_isRefused() {
        Problem p = problem(edit(SHOP, "instances: 4", "instances: 1000000"));

        assertThat(p.path()).isEqualTo("architecture.pool.instances");
        assertThat(p.rule()).isEqualTo("must be at most 10,000");
    }

    @Test
    void aMillionInstancesThroughAnOverride_isLocatedInTheOverride() {
        Problem p = problem(SHOP, "architecture.pool.instances=1000000");

        assertThat(p.source()).isEqualTo("--set architecture.pool.instances=1000000");
        assertThat(p.column()).isEqualTo("architecture.pool.instances=".length() + 1);
        assertThat(p.rule()).isEqualTo("must be at most 10,000");
    }

    @Test
    void scaleOfAMillion_isRefused() {
        Problem p = problem(SHOP, "workload.profile.scale=1e6");

        assertThat(p.rule()).isEqualTo("must be at most 1000x");
    }

    @Test
    void aScaleWithinItsBound_thatTakesThePeakAboveTheRateBound_isRefusedWithTheScaleThatFits() {
        Problem p = problem(edit(MINIMAL, "rate: 100/s", "rate: 100_000/s"), "workload.profile.scale=500");

        assertThat(p.rule()).isEqualTo("the scaled peak, 50000000/s, is above the bound of 10,000,000/s");
        assertThat(p.fix()).startsWith("lower the scale to at most 100x");
    }

    @Test
    void tenThousandRequestClasses_areOneProblemAndAreNotRead() {
        StringBuilder classes = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            classes.append("    - { name: c").append(i).append(", cpu: 1ms }\n");
        }
        String text = edit(MINIMAL, "    - name: home\n      cpu: 5ms\n", classes.toString());

        Problem p = problem(text);

        assertThat(p.path()).isEqualTo("workload.classes");
        assertThat(p.value()).isEqualTo("10000 items");
        assertThat(p.rule()).isEqualTo("must be at most 1,000");
    }

    @Test
    void countsTimesAndSizesEverywhere_haveBounds() {
        List<Problem> found = problems(
                SHOP,
                "architecture.db.replicas=1000",
                "architecture.db.shards=100000",
                "architecture.client.timeout=2d",
                "architecture.client.retries=1000",
                "architecture.db.disk.iops=1e9",
                "architecture.pool.cores=5000",
                "workload.classes.browse.db.queries=1000000",
                "workload.classes.browse.cpu=2h");

        assertThat(found)
                .extracting(Problem::rule)
                .containsExactly(
                        "must be at most 1 hour",
                        "must be at most 10,000",
                        "must be at most 1 day",
                        "must be at most 100",
                        "must be at most 1,024",
                        "must be at most 10,000,000",
                        "must be at most 100",
                        "must be at most 10,000");
    }

    @Test
    void aManagedBalancersTraffic_hasBounds() {
        List<Problem> found = problems(
                edit(SHOP, "lb: { routing: least-outstanding }", "lb: { routing: least-outstanding, type: alb }"),
                "architecture.lb.bytesPerRequest=2GiB",
                "architecture.lb.requestsPerConnection=1e12");

        assertThat(found)
                .extracting(Problem::rule)
                .containsExactlyInAnyOrder("must be at most 1 GiB", "must be at most 1,000,000");
    }

    @Test
    void chaosThatKillsAnInstanceEveryMillisecond_isRefused() {
        Problem p = problem(SHOP + "chaos: { groups: [web], every: 1ms }\n");

        assertThat(p.path()).isEqualTo("chaos.every");
        assertThat(p.value()).isEqualTo("1ms");
        assertThat(p.rule()).isEqualTo("must be at most 3600 per hour (every: 1s)");
    }

    @Test
    void aProfileOfZeroRates_sendsNothingAndIsRefused() {
        Problem p = problem(edit(MINIMAL, "rate: 100/s", "rate: 0/s"));

        assertThat(p.path()).isEqualTo("workload.profile");
        assertThat(p.rule()).isEqualTo("the profile sends nothing: every rate in it is 0/s");
    }

    @Test
    void aProfileWithOneQuietPhase_isAccepted() throws SpecException {
        Spec spec = Specs.load(edit(SHOP, "rate: 300/s", "rate: 0/s"));

        assertThat(spec.workload().profile().peakRate()).isEqualTo(1500.0);
    }

    @Test
    void aFiveMegabyteScalar_isRefusedBySizeBeforeParsing() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "description: " + "x".repeat(5 * 1024 * 1024) + "\n" + MINIMAL);

        assertThatThrownBy(() -> SpecLoader.load(file, List.of())).isInstanceOfSatisfying(SpecException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).rule()).isEqualTo("the file is larger than 4 MiB");
            assertThat(e.problems().get(0).value()).isEqualTo((5 * 1024 * 1024 + 14 + MINIMAL.length()) + " bytes");
        });
    }

    @Test
    void fiftyMegabytesOfComments_areRefusedBySizeWithoutReadingThem() throws IOException {
        Path file = dir.resolve("comments.yaml");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(MINIMAL);
            String comment = "# " + "c".repeat(98) + "\n";
            for (int i = 0; i < 500_000; i++) {
                w.write(comment);
            }
        }

        assertThatThrownBy(() -> SpecLoader.load(file, List.of()))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.rule()).isEqualTo("the file is larger than 4 MiB")));
    }

    @Test
    void aOneMegabyteScalar_inASmallEnoughFile_isRefusedByItsLineLength() {
        Problem p = problem("description: " + "x".repeat(1024 * 1024) + "\n" + MINIMAL);

        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(65_537);
        assertThat(p.rule()).isEqualTo("the line is longer than 65,536 characters");
        assertThat(p.sourceLine()).isNull();
    }

    @Test
    void aReplayFileLargerThanTheBound_isRefusedBeforeReading() throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("huge.csv"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < 500_000; i++) {
                w.write(i + ",100\n");
            }
        }
        String text = edit(MINIMAL, "constant:\n      rate: 100/s\n      duration: 5m", "replay: {file: huge.csv}");

        assertThatThrownBy(() -> SpecLoader.parse("t.yaml", text, List.of(), dir))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.rule()).isEqualTo("the file is larger than 4 MiB")));
    }

    @Test
    void everyBound_isPrintedOnce() {
        String table = Limits.describe();

        for (Limits.Limit l : Limits.all()) {
            assertThat(table).contains(l.what() + " ").contains("at most " + l.shown());
            assertThat(l.max()).isPositive().isFinite();
        }
        assertThat(Limits.all()).doesNotHaveDuplicates();
    }
}
