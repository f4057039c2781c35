package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.analysis.RunReadException;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.report.html.ReportFixturesAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"headroom-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void runWrittenToDisk_isReadBack_andReported() throws Exception {
        writeRun(true);

        JsonNode data = data(RunReport.write(dir).file());

        assertThat(data.path("partial").path("partial").asBoolean()).isFalse();
        assertThat(data.path("timeline").path("t")).hasSize(ReportFixturesAccess.intervals());
        assertThat(data.path("timeline")
                        .path("components")
                        .path("db.disk")
                        .path("metrics")
                        .has("volumeCredits"))
                .isTrue();
        assertThat(data.path("findings").path("verdict").path("outcome").asText())
                .isEqualTo("broken");
        assertThat(data.path("goals").path("p99").asDouble()).isEqualTo(100.0);
        assertThat(data.path("spec").asText()).contains("goals:");
        assertThat(data.path("events")).hasSize(2);
    }

    @Test
    void runWithoutRunJson_andATruncatedLastLine_isPartial_neverAPass() throws Exception {
        writeRun(false);
        Path timeline = dir.resolve(RunDirectory.TIMELINE_FILE);
        String text = Files.readString(timeline);
        Files.writeString(timeline, text.substring(0, text.length() - 40), StandardCharsets.UTF_8);

        JsonNode data = data(RunReport.write(dir).file());

        assertThat(data.path("partial").path("partial").asBoolean()).isTrue();
        assertThat(data.path("partial").path("reason").asText()).contains("run.json", "cut short");
        assertThat(data.path("metadata").isNull()).isTrue();
        assertThat(data.path("source").asText()).isEqualTo(dir.toString());
        assertThat(data.path("timeline").path("t")).hasSize(ReportFixturesAccess.intervals() - 1);
        assertThat(data.path("findings").path("verdict").path("outcome").asText())
                .isEqualTo("partial");
    }

    @Test
    void directoryThatIsNotARun_isBadInput() {
        assertThatThrownBy(() -> RunReport.write(dir))
                .isInstanceOf(RunReadException.class)
                .hasMessageContaining("not a run directory");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void runOfAnotherFormatVersion_isBadInput() throws Exception {
        writeRun(true);
        Path run = dir.resolve(RunDirectory.RUN_FILE);
        Files.writeString(run, Files.readString(run).replace(RunMetadata.FORMAT, "headroom-run/99"));
        assertThatThrownBy(() -> RunReport.write(dir))
                .isInstanceOf(RunReadException.class)
                .hasMessageContaining("headroom-run/99")
                .hasMessageContaining(RunMetadata.FORMAT);
    }

    private void writeRun(boolean finished) throws IOException {
        try (RunDirectory run = RunDirectory.create(dir)) {
            List<TimelineRecord> timeline = ReportFixturesAccess.timeline();
            timeline.forEach(run::appendTimeline);
            ReportFixturesAccess.events().forEach(run::appendEvent);
            Files.writeString(dir.resolve(RunDirectory.SPEC_FILE), ReportFixturesAccess.spec());
            if (finished) {
                run.writeRun(ReportFixturesAccess.run());
            }
        }
    }

    private static JsonNode data(Path html) throws IOException {
        Matcher m = DATA.matcher(Files.readString(html));
        assertThat(m.find()).isTrue();
        return RunJson.mapper().readTree(m.group(1));
    }
}
