package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final String SPEC =
            """
            name: tiny
            workload:
              profile: { constant: { rate: 100/s, duration: 10s } }
              classes:
                - name: read
                  cpu: { exponential: 2ms }
            architecture:
              pool: { instances: 1, cores: 1, workers: 8 }
            goals: { p99: 250ms }
            """;

    @TempDir
    Path dir;

    private Path simulate() throws Exception {
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, SPEC);
        Path run = dir.resolve("run");
        CliRun sim = CliRun.of("simulate", spec.toString(), "--out", run.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("report: " + run.resolve("report.html"));
        return run;
    }

    @Test
    void simulate_writesReportHtml_andReportRendersItAgain() throws Exception {
        Path run = simulate();
        Path html = run.resolve("report.html");
        Files.delete(html);

        CliRun report = CliRun.of("report", run.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out().trim()).isEqualTo("report: " + html);
        assertThat(Files.readString(html)).contains("<title>headroom: tiny</title>", "\"partial\":false");
    }

    @Test
    void runCutShort_isReportedAsPartial() throws Exception {
        Path run = simulate();
        Files.delete(run.resolve(RunDirectory.RUN_FILE));

        CliRun report = CliRun.of("report", run.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).startsWith("partial run: run.json was never written");
        assertThat(Files.readString(run.resolve("report.html")))
                .contains("\"partial\":{\"partial\":true,\"reason\":\"run.json was never written")
                .contains("\"outcome\":\"partial\"");
    }

    @Test
    void directoryThatIsNotARun_saysSo_exit2() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun report = CliRun.of("report", empty.toString());
        assertThat(report.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(report.err())
                .contains(empty.toString(), "not a run directory")
                .doesNotContain("Exception");
        assertThat(empty.resolve("report.html")).doesNotExist();
    }

    @Test
    void runOfAnIncompatibleVersion_saysSo_exit2() throws Exception {
        Path run = simulate();
        Path json = run.resolve(RunDirectory.RUN_FILE);
        Files.writeString(json, Files.readString(json).replace(RunMetadata.FORMAT, "headroom-run/0"));

        CliRun report = CliRun.of("report", run.toString());

        assertThat(report.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(report.err()).contains("headroom-run/0", RunMetadata.FORMAT).doesNotContain("Exception");
    }
}
