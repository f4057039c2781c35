package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
