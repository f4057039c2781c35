package dev.headroom.model.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.profile.Replay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReplayFormatsTest {

    /** A CloudWatch export of a request count: newest row first, statistics in their own columns. */
    static final String CLOUDWATCH =
            """
            Timestamp,SampleCount,Sum,Unit
            2025-11-28T10:03:00Z,4,6000,Count
            2025-11-28T10:02:00Z,4,12000,Count
            2025-11-28T10:01:00Z,4,9000,Count
            2025-11-28T10:00:00Z,4,3000,Count
            """;

    static final String PROMETHEUS =
            """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"job":"shop","instance":"web-1"},"values":[[1732788000,"40"],[1732788060,"60"],[1732788120,"50"]]},
              {"metric":{"job":"shop","instance":"web-2"},"values":[[1732788000,"8"],[1732788060,"12"],[1732788120,"10"]]}
            ]}}
            """;

    private static List<Replay.Point> csv(String text, ReplayOptions options) throws Exception {
        return ReplayCurve.points(CsvTraffic.read(text, Optional.empty()), options);
    }

    private static ReplayOptions window(String from, String to) {
        return new ReplayOptions(
                Optional.empty(),
                OptionalDouble.empty(),
                1.0,
                Optional.ofNullable(from).map(Edge::parse),
                Optional.ofNullable(to).map(Edge::parse));
    }

    /** The requests a replay sends: the integral of its linear curve. */
    static double requests(List<Replay.Point> points) {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            Replay.Point a = points.get(i - 1);
            Replay.Point b = points.get(i);
            sum += (b.atSeconds() - a.atSeconds()) * (a.ratePerSecond() + b.ratePerSecond()) / 2;
        }
        return sum;
    }

    @Test
    void cloudWatchSums_newestFirst_replayAsRatesPerMinuteThatSendEveryCount() throws Exception {
        List<Replay.Point> points = csv(CLOUDWATCH, ReplayOptions.AS_RECORDED);

        assertThat(points)
                .extracting(Replay.Point::atSeconds, Replay.Point::ratePerSecond)
                .containsExactly(
                        tuple(0.0, 50.0),
                        tuple(30.0, 50.0),
                        tuple(90.0, 150.0),
                        tuple(150.0, 200.0),
                        tuple(210.0, 100.0),
                        tuple(240.0, 100.0));
        assertThat(requests(points)).isCloseTo(30_000, within(1e-9));
    }

    @Test
    void sampleCountAlone_isACountToo() throws Exception {
        String text = "Unit,SampleCount,Timestamp\nCount,120,2025-11-28T10:00:00Z\nCount,60,2025-11-28T10:01:00Z\n";

        List<Replay.Point> points = csv(text, ReplayOptions.AS_RECORDED);

        assertThat(points).extracting(Replay.Point::ratePerSecond).containsExactly(2.0, 2.0, 1.0, 1.0);
    }

    @Test
    void headerlessEpochSeconds_areRatesFromTheFirstRow() throws Exception {
        List<Replay.Point> points = csv("1732788000,48\n1732788060,52.5\n1732788120,40\n", ReplayOptions.AS_RECORDED);

        assertThat(points)
                .extracting(Replay.Point::atSeconds, Replay.Point::ratePerSecond)
                .containsExactly(tuple(0.0, 48.0), tuple(60.0, 52.5), tuple(120.0, 40.0));
    }

    @Test
    void statedCountAndPeriod_turnCountsIntoRates() throws Exception {
        ReplayOptions options = new ReplayOptions(
                Optional.of(Meaning.COUNT), OptionalDouble.of(300), 2.0, Optional.empty(), Optional.empty());

        List<Replay.Point> points = csv("time,requests\n0,3000\n300,6000\n", options);

        assertThat(points).extracting(Replay.Point::ratePerSecond).containsExactly(20.0, 20.0, 40.0, 40.0);
        assertThat(requests(points)).isCloseTo(18_000, within(1e-9));
    }

    @Test
    void aGapInCounts_isReportedAtTheRowAfterIt() {
        String text = CLOUDWATCH.replace("2025-11-28T10:01:00Z,4,9000,Count\n", "");

        TrafficException e = catchThrowableOfType(TrafficException.class, () -> csv(text, ReplayOptions.AS_RECORDED));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.line()).isEqualTo(3);
            assertThat(err.column()).isEqualTo(1);
            assertThat(err.rule())
                    .isEqualTo("this row is 2m after the one before it (line 4), but the period is 1m (the closest"
                            + " spacing of the rows)");
            assertThat(err.fix()).contains("add the missing rows with a count of 0");
        });
    }

    @Test
    void aDuplicateTime_namesBothLines() {
        String text = CLOUDWATCH + "2025-11-28T10:02:00Z,4,12000,Count\n";

        TrafficException e = catchThrowableOfType(TrafficException.class, () -> csv(text, ReplayOptions.AS_RECORDED));

        assertThat(e.errors())
                .singleElement()
                .extracting(TrafficError::line, TrafficError::rule)
                .containsExactly(6, "this time appears twice (also on line 3)");
    }

    @Test
    void aWindow_asIsoTimesOrOffsets_keepsTheSamePeriods() throws Exception {
        List<Replay.Point> iso = csv(CLOUDWATCH, window("2025-11-28T10:01:00Z", "2025-11-28T10:03:00Z"));
        List<Replay.Point> offsets = csv(CLOUDWATCH, window("1m", "3m"));

        assertThat(iso).isEqualTo(offsets);
        assertThat(requests(iso)).isCloseTo(21_000, within(1e-9));
    }

    @Test
    void aWindowInsideRates_cutsTheCurveWhereItSays() throws Exception {
        List<Replay.Point> points = csv("0,100\n60,200\n120,0\n", window("30s", "90s"));

        assertThat(points)
                .extracting(Replay.Point::atSeconds, Replay.Point::ratePerSecond)
                .containsExactly(tuple(0.0, 150.0), tuple(30.0, 200.0), tuple(60.0, 100.0));
    }

    @Test
    void aWindowOutsideTheFile_saysWhereTheFileRuns() {
        ReplayCurve.KeyException e = catchThrowableOfType(
                ReplayCurve.KeyException.class, () -> csv(CLOUDWATCH, window("2025-11-29T10:00:00Z", null)));

        assertThat(e.key()).isEqualTo("from");
        assertThat(e.rule())
                .isEqualTo("the window holds no whole period: the file runs from 2025-11-28T10:00:00Z to"
                        + " 2025-11-28T10:03:00Z");
    }

    @Test
    void anIsoWindow_onAFileOfOffsets_isAKeyProblem() {
        ReplayCurve.KeyException e = catchThrowableOfType(
                ReplayCurve.KeyException.class, () -> csv("0s,1\n60s,2\n", window("2025-11-28T10:00:00Z", null)));

        assertThat(e.key()).isEqualTo("from");
        assertThat(e.fix()).contains("8h");
    }

    @Test
    void aPeriodForRates_isAKeyProblem() {
        ReplayOptions options =
                new ReplayOptions(Optional.empty(), OptionalDouble.of(60), 1.0, Optional.empty(), Optional.empty());

        ReplayCurve.KeyException e =
                catchThrowableOfType(ReplayCurve.KeyException.class, () -> csv("time,rate\n0,1\n60,2\n", options));

        assertThat(e.key()).isEqualTo("period");
    }

    @Test
    void aBadCell_isLocatedAtItsLineAndColumn() {
        TrafficException e = catchThrowableOfType(
                TrafficException.class,
                () -> csv(
                        "Timestamp,Sum\n2025-11-28T10:00:00Z,48000\n2025-11-28T10:01:00Z, 4.8e4x\n",
                        ReplayOptions.AS_RECORDED));

        assertThat(e.errors())
                .singleElement()
                .extracting(TrafficError::line, TrafficError::column, TrafficError::field, TrafficError::value)
                .containsExactly(3, 23, "Sum", "4.8e4x");
    }

    @Test
    void quotedCells_andAByteOrderMark_readAsPlainCells() throws Exception {
        String text = "\uFEFF\"Timestamp\",\"Sum\"\n\"2025-11-28 10:00:00\",\"60\"\n\"2025-11-28 10:01:00\",\"120\"\n";

        List<Replay.Point> points = csv(text, ReplayOptions.AS_RECORDED);

        assertThat(points).extracting(Replay.Point::ratePerSecond).containsExactly(1.0, 1.0, 2.0, 2.0);
    }

    @Test
    void aNamedColumn_isRead_andAMissingOneListsTheColumns() throws Exception {
        String text = "Timestamp,Average,Maximum\n2025-11-28T10:00:00Z,5,9\n2025-11-28T10:01:00Z,6,8\n";

        Recording r = CsvTraffic.read(text, Optional.of("Maximum"));
        TrafficException e =
                catchThrowableOfType(TrafficException.class, () -> CsvTraffic.read(text, Optional.of("Sum")));

        assertThat(r.samples()).extracting(Sample::value).containsExactly(9.0, 8.0);
        assertThat(r.meaning()).isEmpty();
        assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.fix())
                .isEqualTo("name one of Average, Maximum"));
    }

    @Test
    void prometheusSeries_areSummedAtEachTime() throws Exception {
        Recording r = PrometheusTraffic.sum(PrometheusTraffic.read(PROMETHEUS), Map.of());

        List<Replay.Point> points = ReplayCurve.points(r, ReplayOptions.AS_RECORDED);

        assertThat(points)
                .extracting(Replay.Point::atSeconds, Replay.Point::ratePerSecond)
                .containsExactly(tuple(0.0, 48.0), tuple(60.0, 72.0), tuple(120.0, 60.0));
        assertThat(r.valueName()).isEqualTo("the sum of 2 series");
    }

    @Test
    void aSeriesSelector_picksTheSeriesWithThoseLabels() throws Exception {
        Recording r = PrometheusTraffic.sum(PrometheusTraffic.read(PROMETHEUS), Map.of("instance", "web-2"));

        assertThat(r.samples()).extracting(Sample::value).containsExactly(8.0, 12.0, 10.0);
        assertThat(r.valueName()).isEqualTo("{instance=\"web-2\", job=\"shop\"}");
    }

    @Test
    void aSelectorMatchingNothing_namesTheSeriesThereAre() throws Exception {
        List<PrometheusTraffic.Series> all = PrometheusTraffic.read(PROMETHEUS);

        assertThat(catchThrowableOfType(
                                dev.headroom.model.units.QuantityException.class,
                                () -> PrometheusTraffic.sum(all, Map.of("instance", "web-3")))
                        .fix())
                .contains("{instance=\"web-1\", job=\"shop\"}");
    }

    @Test
    void anInstantQuery_isLocatedAtItsResultType() {
        String text = "{\"status\":\"success\",\n \"data\":{\"resultType\":\"vector\",\"result\":[]}}";

        TrafficException e = catchThrowableOfType(TrafficException.class, () -> PrometheusTraffic.read(text));

        assertThat(e.errors())
                .singleElement()
                .extracting(TrafficError::line, TrafficError::column, TrafficError::field)
                .containsExactly(2, 23, "data.resultType");
        assertThat(e.errors().get(0).rule()).contains("an instant query");
    }

    @Test
    void aFailedQuery_saysWhyPrometheusRefusedIt() {
        String text = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}";

        TrafficException e = catchThrowableOfType(TrafficException.class, () -> PrometheusTraffic.read(text));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.rule()).isEqualTo("the query failed (bad_data: parse error at char 5)");
            assertThat(err.column()).isEqualTo(11);
        });
    }

    @Test
    void aNaNValue_isLocatedByItsPath() {
        String text = PROMETHEUS.replace("\"60\"]", "\"NaN\"]");

        TrafficException e = catchThrowableOfType(TrafficException.class, () -> PrometheusTraffic.read(text));

        assertThat(e.errors())
                .singleElement()
                .extracting(TrafficError::line, TrafficError::field, TrafficError::value)
                .containsExactly(2, "data.result[0].values[1][1]", "NaN");
    }

    @Test
    void brokenJson_isLocatedWhereItBreaks() {
        TrafficException e = catchThrowableOfType(
                TrafficException.class, () -> PrometheusTraffic.read("{\"status\":\n  \"success\",,}"));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.line()).isEqualTo(2);
            assertThat(err.rule()).startsWith("not valid JSON: ");
        });
    }

    @Test
    void aWindowCuttingARiseAboveTheBound_isReported_notReplayedAboveIt() {
        ReplayOptions options = new ReplayOptions(
                Optional.empty(), OptionalDouble.empty(), 1000.0, Optional.of(Edge.parse("30s")), Optional.empty());

        TrafficException e =
                catchThrowableOfType(TrafficException.class, () -> csv("0,20000\n60,100\n120,100\n", options));

        assertThat(e.errors()).isNotEmpty().allSatisfy(err -> assertThat(err.rule())
                .contains("above the bound"));
    }
}
