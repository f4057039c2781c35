package dev.headroom.model.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.headroom.model.profile.Replay;
import dev.headroom.model.spec.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Recorded traffic files of any shape: a CloudWatch export in any row and column order replays
 * exactly its counts, a rate file reads back its rates, and garbage in either format gives located
 * errors and nothing else.
 */
class TrafficFileProperties {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n]");
    private static final List<String> COLUMNS = List.of("Timestamp", "SampleCount", "Sum", "Unit");

    @Property(tries = 300, seed = "20260101")
    void cloudWatchExport_inAnyRowAndColumnOrder_sendsEveryCount(
            @ForAll @Size(min = 2, max = 200) List<@IntRange(min = 0, max = 1_000_000) Integer> counts,
            @ForAll("periods") int period,
            @ForAll @IntRange(min = 0, max = 1_000_000) int startPeriods,
            @ForAll long shuffleSeed)
            throws Exception {
        long start = 1_700_000_000L / period * period + (long) startPeriods * period;
        Random random = new Random(shuffleSeed);
        List<String> columns = new ArrayList<>(COLUMNS);
        Collections.shuffle(columns, random);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            String time = Instant.ofEpochSecond(start + (long) i * period).toString();
            Map<String, String> cells =
                    Map.of("Timestamp", time, "SampleCount", "7", "Sum", counts.get(i) + ".0", "Unit", "Count");
            rows.add(String.join(",", columns.stream().map(cells::get).toList()));
        }
        Collections.shuffle(rows, random);
        String text = String.join(",", columns) + "\n" + String.join("\n", rows) + "\n";

        List<Replay.Point> points =
                ReplayCurve.points(CsvTraffic.read(text, Optional.empty()), ReplayOptions.AS_RECORDED);

        double sent = ReplayFormatsTest.requests(points);
        double recorded = counts.stream().mapToDouble(Integer::doubleValue).sum();
        assertThat(sent).isCloseTo(recorded, org.assertj.core.api.Assertions.within(1e-9 * recorded + 1e-6));
        assertThat(points.get(points.size() - 1).atSeconds()).isEqualTo((double) counts.size() * period);
        for (int i = 0; i < counts.size(); i++) {
            assertThat(points.get(i + 1).ratePerSecond()).isEqualTo(counts.get(i) / (double) period);
        }
    }

    @Property(tries = 300, seed = "20260101")
    void rateFile_readsBackItsRatesAtSecondsFromTheFirstRow(
            @ForAll @Size(min = 2, max = 200) List<@IntRange(min = 1, max = 3_600) Integer> gaps,
            @ForAll @Size(min = 201, max = 201) List<@IntRange(min = 0, max = 10_000_000) Integer> milliRates,
            @ForAll boolean iso)
            throws Exception {
        long t = 1_732_788_000L;
        StringBuilder text = new StringBuilder("time,rate\n");
        List<Double> offsets = new ArrayList<>();
        long at = t;
        for (int i = 0; i <= gaps.size(); i++) {
            at += i == 0 ? 0 : gaps.get(i - 1);
            offsets.add((double) (at - t));
            String time = iso ? Instant.ofEpochSecond(at).toString() : Long.toString(at);
            text.append(time)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.3f", milliRates.get(i) / 1000.0))
                    .append('\n');
        }

        List<Replay.Point> points =
                ReplayCurve.points(CsvTraffic.read(text.toString(), Optional.empty()), ReplayOptions.AS_RECORDED);

        assertThat(points).hasSize(offsets.size());
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).atSeconds()).isEqualTo(offsets.get(i));
            assertThat(points.get(i).ratePerSecond())
                    .isCloseTo(milliRates.get(i) / 1000.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Property(tries = 3_000, seed = "20260101")
    void garbage_givesACurveOrLocatedErrors_neverAnythingElse(
            @ForAll("files") String text, @ForAll("options") ReplayOptions options) {
        String[] lines = LINE_BREAK.split(text, -1);
        try {
            Recording r = PrometheusTraffic.looksLikeJson(text)
                    ? PrometheusTraffic.sum(PrometheusTraffic.read(text), Map.of())
                    : CsvTraffic.read(text, Optional.empty());
            List<Replay.Point> points = ReplayCurve.points(r, options);
            assertThat(points.size()).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < points.size(); i++) {
                Replay.Point p = points.get(i);
                assertThat(p.ratePerSecond()).isBetween(0.0, Limits.RATE.max());
                assertThat(p.atSeconds()).isFinite().isGreaterThanOrEqualTo(0.0);
                if (i > 0) {
                    assertThat(p.atSeconds()).isGreaterThan(points.get(i - 1).atSeconds());
                }
            }
        } catch (TrafficException e) {
            assertThat(e.errors()).isNotEmpty();
            for (TrafficError err : e.errors()) {
                assertThat(err.line()).as(err.toString()).isBetween(1, lines.length);
                assertThat(err.column()).as(err.toString()).isBetween(1, lines[err.line() - 1].length() + 1);
                assertThat(err.rule()).isNotBlank();
                assertThat(err.fix()).isNotBlank();
            }
        } catch (ReplayCurve.KeyException e) {
            assertThat(e.key()).isIn("from", "to", "period");
            assertThat(e.fix()).isNotBlank();
        } catch (RuntimeException e) {
            fail("a traffic file escaped as " + e + " for:\n" + text, e);
        }
    }

    @Provide
    Arbitrary<Integer> periods() {
        return Arbitraries.of(1, 60, 300, 3_600);
    }

    @Provide
    Arbitrary<ReplayOptions> options() {
        Arbitrary<Optional<Meaning>> value = Arbitraries.of(Meaning.class).optional();
        Arbitrary<Optional<Edge>> edge = Arbitraries.of("1m", "0s", "2025-11-28T10:01:00Z", "1732788060")
                .map(s -> {
                    try {
                        return Edge.parse(s);
                    } catch (RuntimeException e) {
                        return new Edge.After(30);
                    }
                })
                .optional();
        return Combinators.combine(value, Arbitraries.of(1.0, 0.5, 1000.0), edge, edge)
                .as((v, scale, from, to) -> new ReplayOptions(v, OptionalDouble.empty(), scale, from, to));
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> noise = Arbitraries.strings()
                .withChars("0123456789,.:-TZ \"{}[]\n\r#eE+xNa")
                .ofMaxLength(200);
        Arbitrary<String> mutatedCsv = mutated(ReplayFormatsTest.CLOUDWATCH);
        Arbitrary<String> mutatedJson = mutated(ReplayFormatsTest.PROMETHEUS);
        Arbitrary<String> mutatedRates = mutated("time,rate\n0,100\n60s,250\n# c\n120,50\n");
        return Arbitraries.oneOf(noise, mutatedCsv, mutatedJson, mutatedRates);
    }

    /** {@code text} with a few characters replaced, deleted or inserted at random places. */
    private static Arbitrary<String> mutated(String text) {
        Arbitrary<int[]> edit = Combinators.combine(
                        Arbitraries.integers().between(0, text.length() - 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(',', '\n', '"', '{', ']', '-', 'T', '9', '0', ' ', 'x', ':'))
                .as((at, kind, c) -> new int[] {at, kind, c});
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            StringBuilder sb = new StringBuilder(text);
            for (int[] e : edits) {
                int at = Math.min(e[0], sb.length() - 1);
                if (at < 0) {
                    break;
                }
                switch (e[1]) {
                    case 0 -> sb.setCharAt(at, (char) e[2]);
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, (char) e[2]);
                }
            }
            return sb.toString();
        });
    }
}
