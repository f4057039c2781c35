package dev.headroom.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.analysis.Findings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * report.html opened in headless Chromium: no console errors, every chart has its data drawn, the
 * findings are on the page, and screenshots land in target/report-screenshot*.png (the whole page and its top) for a person to
 * look at. Skipped when Chromium is missing, unless HEADROOM_REQUIRE_CHROMIUM=1 (as in CI).
 */
class ReportInBrowserTest {
    private static final int WIDTH = 1280;

    /**
     * Waits two frames, then for each chart counts the pixels in its plotting area that have the
     * colour of its first series: a chart that drew its data has many, an empty frame none.
     */
    private static final String CHECK =
            """
            new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
              const hex = h => [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16));
              const charts = (window.headroomReport ? window.headroomReport.charts : []).map(c => {
                const u = c.plot, ctx = u.ctx, b = u.bbox, want = hex(c.first);
                const px = ctx.getImageData(b.left, b.top, b.width, b.height).data;
                let drawn = 0;
                for (let i = 0; i < px.length; i += 4) {
                  if (px[i + 3] > 128 && Math.abs(px[i] - want[0]) + Math.abs(px[i + 1] - want[1])
                      + Math.abs(px[i + 2] - want[2]) < 60) drawn++;
                }
                return {id: c.id, drawn: drawn, points: u.data[0].length, height: u.root.getBoundingClientRect().height};
              });
              const findings = document.getElementById('findings');
              done({
                charts: charts,
                findingCards: findings.querySelectorAll('.finding').length,
                findingsText: findings.innerText,
                findingsHeight: findings.getBoundingClientRect().height,
                verdict: (document.querySelector('[data-verdict]') || {}).dataset?.verdict || null,
                title: document.title,
                scripts: document.querySelectorAll('script').length,
                alerts: document.body.innerHTML.includes('<script>alert'),
                verdictText: document.getElementById('verdict').innerText,
                partialBanner: (document.getElementById('partial') || {}).textContent || null
              });
            })))
            """;

    private record Opened(JsonNode result, List<String> problems) {}

    private static Opened open(ReportData data, String name) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            String why = "Chromium not found (set HEADROOM_CHROMIUM or install chromium); report.html was not opened in"
                    + " a browser";
            if ("1".equals(System.getenv(HeadlessChromium.REQUIRE))) {
                throw new AssertionError(why + ", and " + HeadlessChromium.REQUIRE + "=1 requires it");
            }
            Assumptions.abort(why);
        }
        Path dir = Files.createDirectories(Path.of("target", "report-browser", name));
        Path html = HtmlReport.write(data, dir);
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), WIDTH, 1000)) {
            browser.open(html.toAbsolutePath().toUri());
            JsonNode result = browser.evaluate(CHECK);
            Files.write(Path.of("target", name + ".png"), browser.screenshot(WIDTH, 0));
            Files.write(Path.of("target", name + "-top.png"), browser.screenshot(WIDTH, 1100));
            return new Opened(result, browser.problems());
        }
    }

    private static List<String> chartsDrawn(JsonNode result, int points) {
        List<String> ids = new ArrayList<>();
        for (JsonNode chart : result.path("charts")) {
            ids.add(chart.path("id").asText());
            assertThat(chart.path("points").asInt()).as(chart.toString()).isEqualTo(points);
            assertThat(chart.path("drawn").asInt())
                    .as("pixels of data in " + chart)
                    .isGreaterThan(100);
            assertThat(chart.path("height").asDouble()).as(chart.toString()).isGreaterThan(150);
        }
        return ids;
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void report_opensWithoutErrors_drawsEveryChart_showsFindings() throws Exception {
        Opened page = open(ReportFixtures.synthetic(), "report-screenshot");
        JsonNode result = page.result();

        assertThat(page.problems()).as("console errors and exceptions").isEmpty();
        assertThat(result.path("alerts").asBoolean())
                .as("markup from the run became markup")
                .isFalse();
        assertThat(result.path("scripts").asInt()).as("script elements").isEqualTo(3);
        assertThat(result.path("title").asText()).contains("<script>alert(1)</script>");
        assertThat(chartsDrawn(result, SyntheticRun.INTERVALS))
                .containsExactly(
                        "rate",
                        "latency",
                        "errors",
                        "utilization",
                        "waiting",
                        "in-use",
                        "volume-credits",
                        "iops",
                        "queue-length");
        assertThat(result.path("verdict").asText()).isEqualTo("missed");
        assertThat(result.path("partialBanner").isNull()).isTrue();
        assertThat(result.path("findingCards").asInt()).as("finding cards").isPositive();
        assertThat(result.path("findingsHeight").asDouble()).isGreaterThan(100);
        String shown = result.path("findingsText").asText();
        Findings findings = ReportFixtures.findings();
        assertThat(shown)
                .contains(
                        "Bottleneck: db.disk (volume credits exhausted)",
                        findings.bottleneck().summary())
                .contains("p99 latency", "error rate", "83 of 240")
                .contains("Headroom 0.62\u00d7 the peak", "scales tried: 0.50\u00d7 met, 0.75\u00d7 broke p99")
                .contains("Knee at 180/s offered", findings.knee().summary())
                .contains("Operational laws")
                .containsIgnoringCase("Little's law N = XR");
        findings.bottleneck().chain().forEach(l -> assertThat(shown).contains(l.what()));
        findings.findings().forEach(f -> assertThat(shown).contains(f.what()));
        assertThat(result.path("verdictText").asText()).contains("GOALS MISSED", "0.62\u00d7 peak", "db.disk");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void measuredRunCutShort_isShownPartial_withLagServiceAndTargetMetrics() throws Exception {
        Opened page = open(ReportFixtures.measuredCutShort(), "report-measured-partial");
        JsonNode result = page.result();

        assertThat(page.problems()).as("console errors and exceptions").isEmpty();
        assertThat(chartsDrawn(result, 60))
                .containsExactly("rate", "latency", "utilization", "in-use", "lag", "service", "target-0", "target-1");
        assertThat(result.path("verdict").asText()).isEqualTo("partial");
        assertThat(result.path("partialBanner").asText())
                .contains("Partial run", "'running'", "Nothing here is a pass");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void runKilledBeforeRunJson_isShownPartial_fromItsTimelineAlone() throws Exception {
        Opened page = open(ReportFixtures.withoutRunJson(), "report-no-run-json");
        JsonNode result = page.result();

        assertThat(page.problems()).as("console errors and exceptions").isEmpty();
        assertThat(chartsDrawn(result, SyntheticRun.INTERVALS)).contains("rate", "latency", "volume-credits");
        assertThat(result.path("verdict").asText()).isEqualTo("partial");
        assertThat(result.path("title").asText()).isEqualTo("headroom: partial run in runs/story-1");
        assertThat(result.path("partialBanner").asText()).contains("run.json was never written");
    }
}
