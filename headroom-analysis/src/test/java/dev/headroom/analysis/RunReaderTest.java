package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.TimelineRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {
    @TempDir
    Path tmp;

    private Path write(RunData data, boolean withRun, String tail) throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        if (withRun) {
            Files.writeString(dir.resolve(RunDirectory.RUN_FILE), RunJson.pretty(data.run()));
        }
        StringBuilder sb = new StringBuilder();
        for (TimelineRecord r : data.timeline()) {
            sb.append(RunJson.line(r)).append('\n');
        }
        sb.append(tail);
        Files.writeString(dir.resolve(RunDirectory.TIMELINE_FILE), sb.toString());
        StringBuilder ev = new StringBuilder();
        data.events().forEach(e -> ev.append(RunJson.line(e)).append('\n'));
        Files.writeString(dir.resolve(RunDirectory.EVENTS_FILE), ev.toString());
        return dir;
    }

    @Test
    void aCompleteRun_readsBackAsWritten_andAnalysesAlike() throws Exception {
        RunData data = SyntheticRun.creditsChain();
        RunData read = RunReader.read(write(data, true, ""));

        assertThat(read.partial()).isFalse();
        assertThat(read.run()).isEqualTo(data.run());
        // An empty metrics map is not written, so compare what is written.
        assertThat(read.timeline().stream().map(RunJson::line).toList())
                .isEqualTo(data.timeline().stream().map(RunJson::line).toList());
        assertThat(read.events()).isEqualTo(data.events());
        assertThat(Analysis.analyse(read).bottleneck())
                .isEqualTo(Analysis.analyse(data).bottleneck());
    }

    @Test
    void aTruncatedLastTimelineLine_isDropped_andTheRunIsPartial_neverAPass() throws Exception {
        RunData data = SyntheticRun.steps();
        RunData read = RunReader.read(write(data, true, "{\"t\":100.0,\"offeredPer"));

        assertThat(read.timeline()).hasSize(100);
        assertThat(read.partial()).isTrue();
        assertThat(read.partialReason()).contains("cut short");
        Findings f = Analysis.analyse(read);
        assertThat(f.verdict().outcome()).isEqualTo(Verdict.PARTIAL);
        assertThat(f.verdict().goals()).noneMatch(GoalResult::met);
        assertThat(f.findings().get(0).kind()).isEqualTo("partial");
    }

    @Test
    void noRunJson_isAPartialRunJudgedOnItsTimeline() throws Exception {
        RunData read = RunReader.read(write(SyntheticRun.creditsChain(), false, ""));

        assertThat(read.partial()).isTrue();
        assertThat(read.run()).isNull();
        Findings f = Analysis.analyse(read);
        assertThat(f.partial()).isTrue();
        assertThat(f.verdict().outcome()).isEqualTo(Verdict.PARTIAL);
        // No goals recorded without run.json: the chain is still found from the timeline alone.
        assertThat(f.bottleneck().component()).isEqualTo("db.disk");
    }

    @Test
    void aMeasurementStillRunning_isPartial() throws Exception {
        RunData data = SyntheticRun.steps();
        Measurement m = new Measurement(
                "running",
                "2026-11-23T00:00:00Z",
                10,
                List.of("http://127.0.0.1:8080"),
                "X-Headroom-Run",
                "steps",
                "open",
                "nio",
                1,
                SyntheticRun.latency(1, 1),
                SyntheticRun.latency(1, 1),
                List.of(),
                null);
        Run running = new Run(
                data.run().metadata(), data.run().summary(), m, data.run().goals());
        RunData read = RunReader.read(write(RunData.of(running, data.timeline(), List.of()), true, ""));

        assertThat(read.partial()).isTrue();
        assertThat(read.partialReason()).contains("'running'");
        assertThat(Analysis.analyse(read).verdict().outcome()).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void aDirectoryWithoutARun_saysSo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> RunReader.read(empty))
                .isInstanceOf(RunReadException.class)
                .hasMessageContaining("is not a run directory")
                .hasMessageContaining("fix:");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> RunReader.read(file)).hasMessageContaining("is not a directory");
    }

    @Test
    void anotherFormatVersion_isRefusedWithTheVersionsNamed() throws Exception {
        Path dir = write(SyntheticRun.steps(), true, "");
        Path runFile = dir.resolve(RunDirectory.RUN_FILE);
        Files.writeString(runFile, Files.readString(runFile).replace("headroom-run/2", "headroom-run/9"));

        assertThatThrownBy(() -> RunReader.read(dir))
                .isInstanceOf(RunReadException.class)
                .hasMessageContaining("metadata.format = 'headroom-run/9'")
                .hasMessageContaining("'headroom-run/2' only");
    }

    @Test
    void aBrokenLineInTheMiddle_isAnErrorWithItsLine() throws Exception {
        Path dir = write(SyntheticRun.steps(), true, "");
        Path timeline = dir.resolve(RunDirectory.TIMELINE_FILE);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(timeline));
        lines.set(2, "{not json");
        Files.write(timeline, lines);

        assertThatThrownBy(() -> RunReader.read(dir))
                .isInstanceOf(RunReadException.class)
                .hasMessageContaining("timeline.jsonl:3:");
    }
}
