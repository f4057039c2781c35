package dev.headroom.model.spec;

import static dev.headroom.model.spec.Specs.MINIMAL;
import static dev.headroom.model.spec.Specs.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.profile.Replay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySpecTest {
    private static final String CLOUDWATCH =
            """
            Timestamp,Sum,Unit
            2025-11-28T18:02:00Z,12000,Count
            2025-11-28T18:01:00Z,9000,Count
            2025-11-28T18:00:00Z,3000,Count
            """;
    private static final String PROMETHEUS =
            """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"code":"200"},"values":[[1732788000,"40"],[1732788060,"60"]]},
              {"metric":{"code":"500"},"values":[[1732788000,"2"],[1732788060,"4"]]}]}}
            """;

    @TempDir
    Path dir;

    private String spec(String replay) {
        return edit(MINIMAL, "constant:\n      rate: 100/s\n      duration: 5m", "replay: " + replay);
    }

    private Profile load(String replay) throws SpecException {
        return SpecLoader.parse("r.yaml", spec(replay), List.of(), dir)
                .workload()
                .profile();
    }

    private List<Problem> problems(String replay) {
        return catchThrowableOfType(SpecException.class, () -> load(replay)).problems();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void cloudWatchCsv_withScaleAndWindow_replaysTheCutAsRates() throws Exception {
        write("cw.csv", CLOUDWATCH);

        Profile p = load("{ file: cw.csv, scale: 2, from: \"2025-11-28T18:01:00Z\" }");

        Replay r = (Replay) p.phases().get(0);
        assertThat(r.durationSeconds()).isEqualTo(120);
        assertThat(r.points()).extracting(Replay.Point::ratePerSecond).containsExactly(300.0, 300.0, 400.0, 400.0);
        assertThat(p.approximateArrivals(0, 120, 1_000_000)).isCloseTo(42_000, within(5.0));
    }

    @Test
    void prometheusJson_aSeriesPickedByLabel() throws Exception {
        write("p.json", PROMETHEUS);

        Profile all = load("{ file: p.json }");
        Profile ok = load("{ file: p.json, series: { code: \"200\" } }");

        assertThat(all.peakRate()).isEqualTo(64);
        assertThat(ok.peakRate()).isEqualTo(60);
    }

    @Test
    void aCellProblem_isReportedInTheCsvFileWithItsLineAndACaret() throws IOException {
        write("cw.csv", CLOUDWATCH.replace("9000", "9O00"));

        Problem p = problems("{ file: cw.csv }").get(0);

        assertThat(p.format())
                .isEqualTo(dir.resolve("cw.csv") + ":3:22: Sum = '9O00': not a number" + System.lineSeparator()
                        + "    2025-11-28T18:01:00Z,9O00,Count" + System.lineSeparator()
                        + "                         ^" + System.lineSeparator()
                        + "    fix: write a plain number such as 4 or 0.25");
    }

    @Test
    void aPeriodForRates_isReportedAtThePeriodKey() throws IOException {
        write("r.csv", "time,rate\n0,10\n60,20\n");

        Problem p = problems("{ file: r.csv, period: 1m }").get(0);

        assertThat(p.path()).isEqualTo("workload.profile.replay.period");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.rule()).startsWith("a rate needs no period");
    }

    @Test
    void aStatedCount_withAPeriod_isRead() throws Exception {
        write("c.csv", "time,requests\n0,600\n300,1200\n");

        Profile p = load("{ file: c.csv, value: count, period: 5m }");

        assertThat(p.peakRate()).isEqualTo(4);
    }

    @Test
    void badKeys_areEachReportedAtTheirKey() throws IOException {
        write("p.json", PROMETHEUS);

        List<Problem> found = problems("{ file: p.json, value: many, from: yesterday, column: Sum }");

        assertThat(found)
                .extracting(Problem::path)
                .containsExactlyInAnyOrder("workload.profile.replay.value", "workload.profile.replay.from");
    }

    @Test
    void aColumnForJson_andASeriesForCsv_areRefused() throws IOException {
        write("p.json", PROMETHEUS);
        write("cw.csv", CLOUDWATCH);

        assertThat(problems("{ file: p.json, column: Sum }"))
                .extracting(Problem::path)
                .contains("workload.profile.replay.column");
        assertThat(problems("{ file: cw.csv, series: { code: \"200\" } }"))
                .extracting(Problem::path)
                .contains("workload.profile.replay.series");
    }

    @Test
    void aSeriesNoneHas_isReportedAtTheSelectorWithTheSeriesThereAre() throws IOException {
        write("p.json", PROMETHEUS);

        Problem p = problems("{ file: p.json, series: { code: \"404\" } }").get(0);

        assertThat(p.path()).isEqualTo("workload.profile.replay.series");
        assertThat(p.fix()).contains("{code=\"200\"}").contains("{code=\"500\"}");
    }

    @Test
    void aWindowBeyondTheFile_isReportedAtFrom() throws IOException {
        write("cw.csv", CLOUDWATCH);

        Problem p = problems("{ file: cw.csv, from: 1h }").get(0);

        assertThat(p.path()).isEqualTo("workload.profile.replay.from");
        assertThat(p.rule()).contains("the file runs from 2025-11-28T18:00:00Z to 2025-11-28T18:02:00Z");
    }
}
