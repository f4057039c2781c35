package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.LatencySummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal's journey table: one line per journey, then its funnel, with abandonment and errors by kind. */
class JourneyPrinterTest {
    private static LatencySummary ms(double p50, double p99) {
        return new LatencySummary(10, p50, p50, p50, p99, p99, p99);
    }

    @Test
    void aJourney_printsItsCountsAndItsFunnel() {
        Map<String, JourneySummary> journeys = new LinkedHashMap<>();
        journeys.put(
                "buy",
                new JourneySummary(
                        20,
                        15,
                        4,
                        1,
                        Map.of("journey-extract", 4L),
                        ms(140, 210),
                        List.of(
                                new JourneySummary.Step("login", 20, 20, 0, 20, Map.of(), ms(2, 5), ms(1, 4)),
                                new JourneySummary.Step(
                                        "basket", 20, 16, 4, 16, Map.of("journey-extract", 4L), ms(31, 40), ms(30, 39)),
                                new JourneySummary.Step("checkout", 15, 15, 0, 15, Map.of(), ms(3, 6), ms(2, 5)))));
        StringWriter out = new StringWriter();
        JourneyPrinter.print(new PrintWriter(out, true), journeys);
        String text = out.toString();
        assertThat(text).contains("journeys    started completed abandoned unfinished");
        assertThat(text)
                .containsPattern("buy\\s+20\\s+15\\s+4\\s+1\\s+140\\.0\\s+210\\.0\\s+abandoned: journey-extract 4");
        assertThat(text)
                .containsPattern(
                        "basket\\s+20\\s+16\\s+4\\s+16\\.0\\s+31\\.00\\s+40\\.00\\s+30\\.00\\s+errors: journey-extract 4");
        assertThat(text.indexOf("login")).isLessThan(text.indexOf("basket"));
        assertThat(text.indexOf("basket")).isLessThan(text.indexOf("checkout"));
    }

    @Test
    void aLongStepName_widensTheStepColumn_soEveryRowStaysUnderItsHeader() {
        Map<String, JourneySummary> journeys = Map.of(
                "buy",
                new JourneySummary(
                        20,
                        20,
                        0,
                        0,
                        Map.of(),
                        ms(140, 210),
                        List.of(
                                new JourneySummary.Step("login", 20, 20, 0, 20, Map.of(), ms(2, 5), ms(1, 4)),
                                new JourneySummary.Step(
                                        "basket-add-first", 20, 20, 0, 20, Map.of(), ms(3, 6), ms(2, 5)))));
        StringWriter out = new StringWriter();
        JourneyPrinter.print(new PrintWriter(out, true), journeys);
        List<String> lines = out.toString().lines().toList();
        String header =
                lines.stream().filter(l -> l.contains("sent")).findFirst().orElseThrow();
        int sentEnds = header.indexOf("sent") + "sent".length();
        for (String step : List.of("login", "basket-add-first")) {
            String row = lines.stream()
                    .filter(l -> l.strip().startsWith(step + " "))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.indexOf(" 20 ") + " 20".length()).as(row).isEqualTo(sentEnds);
        }
    }

    @Test
    void noJourneys_printNothing() {
        StringWriter out = new StringWriter();
        JourneyPrinter.print(new PrintWriter(out, true), Map.of());
        assertThat(out.toString()).isEmpty();
    }
}
