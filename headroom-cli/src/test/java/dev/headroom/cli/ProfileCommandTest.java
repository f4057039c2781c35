package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {
    @TempDir
    Path dir;

    @Test
    void flashSale_printsPeakMeanTotalAndAChartThatPeaksInTheMiddle() throws Exception {
        Path spec = dir.resolve("sale.yaml");
        Files.writeString(
                spec,
                """
                workload:
                  profile:
                    scale: 1.5
                    spike: { base: 100/s, peak: 1000/s, lead: 10m, rise: 10m, hold: 20m, decay: 10m, tail: 10m }
                  classes: [ { name: buy, cpu: 5ms } ]
                architecture:
                  pool: { instances: 1 }
                """);
        CliRun run = CliRun.of("profile", spec.toString(), "--width", "72");

        assertThat(run.exitCode()).isZero();
        // Mean of the unscaled curve: (100*20m + 550*20m + 1000*20m)/60m = 550/s; scaled 1.5x.
        assertThat(run.out())
                .contains(
                        "duration   1h",
                        "peak       1,500/s",
                        "mean       825/s",
                        "requests   2,970,000 expected",
                        "scaled 1.5x");
        String top = run.out()
                .lines()
                .filter(l -> l.contains("1,500/s ┤"))
                .findFirst()
                .orElseThrow();
        int firstBar = top.indexOf('█');
        assertThat(firstBar).as("the top row is full only during the hold").isGreaterThan(20);
        assertThat(top.lastIndexOf('█')).isLessThan(top.length());
        assertThat(run.out().lines().filter(l -> !l.contains(dir.toString())))
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void aLoadScenario_printsTheProfileOfItsWorkload() {
        CliRun run = CliRun.of("profile", "../examples/load/shop-local.yaml", "--width", "72");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 50/s for 30s, a ramp to 200/s over 1m, 200/s for 1m: 1,500 + 7,500 + 12,000 requests.
        assertThat(run.out()).contains("duration   2m30s", "peak       200/s", "requests   21,000 expected");
    }

    @Test
    void aLoadScenario_takesSetOverrides_andEveryExampleScenarioPrints() {
        CliRun scaled = CliRun.of(
                "profile", "../examples/load/shop-local.yaml", "--set", "workload.profile.scale=2", "--width", "72");

        assertThat(scaled.out()).contains("peak       400/s", "(scaled 2x)");
        for (String example : List.of(
                "../examples/load/shop-journeys.yaml",
                "../examples/demo/shop.yaml",
                "../examples/demo/journeys.yaml")) {
            CliRun run = CliRun.of("profile", example, "--width", "72");
            assertThat(run.exitCode()).as(example + ": " + run.err()).isZero();
            assertThat(run.out()).contains("peak ");
        }
    }

    @Test
    void aClosedModelScenario_exits2_sayingItHasNoProfile() throws Exception {
        Path scenario = dir.resolve("closed.yaml");
        Files.writeString(
                scenario,
                """
                target: http://127.0.0.1:8080
                workload: { model: closed, users: 10, duration: 1m }
                requests: [ { path: / } ]
                """);

        CliRun run = CliRun.of("profile", scenario.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a closed model has no traffic profile").contains("fix: ");
    }

    @Test
    void aBadProfileInAScenario_isLocated() throws Exception {
        Path scenario = dir.resolve("bad.yaml");
        Files.writeString(
                scenario,
                """
                target: http://127.0.0.1:8080
                workload: { profile: { constant: { rate: lots, duration: 1m } } }
                requests: [ { path: / } ]
                """);

        CliRun run = CliRun.of("profile", scenario.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml:2:").contains("workload.profile.constant.rate = 'lots'");
    }

    @Test
    void theCloudWatchExample_sendsItsWindowsCountsTimesItsScale() {
        CliRun run = CliRun.of("profile", "../examples/traffic/dinner-rush-cloudwatch.yaml", "--width", "72");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The Sum column from 18:30 to 20:29 adds up to 4,684,136; scale 1.5.
        assertThat(run.out())
                .contains(
                        "duration   2h",
                        "requests   7,026,204 expected",
                        "replay 2h of alb-requests-cloudwatch.csv (122 points)");
    }

    @Test
    void thePrometheusExample_isALoadScenario_andASeriesCanBePicked() {
        CliRun all = CliRun.of("profile", "../examples/traffic/dinner-rush-prometheus.yaml", "--width", "72");
        CliRun errors = CliRun.of(
                "profile",
                "../examples/traffic/dinner-rush-prometheus.yaml",
                "--set",
                "workload.profile.replay.series={code: \"500\"}",
                "--width",
                "72");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("duration   1h", "replay 1h of shop-requests-prometheus.json (13 points)");
        assertThat(errors.out()).contains("peak       2.75/s");
    }
}
