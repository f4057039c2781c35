package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.load.scrape.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target's Prometheus metrics in the timeline. */
class ScrapeTest {
    @TempDir
    Path dir;

    @Test
    void prometheusEndpoint_gaugesAndCounterRatesLandInTheTimeline() throws Exception {
        try (TestServer server = new TestServer().warmed()) {
            server.dynamic(path -> path.equals("/metrics")
                    ? "# TYPE demo_requests_total counter\ndemo_requests_total{route=\"/\"} " + server.count()
                            + "\n# TYPE demo_pool_in_use gauge\ndemo_pool_in_use 42\n"
                    : "ok");
            Runs.run(
                    """
                    name: scrape
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 200/s, duration: 4s } }
                    requests: [ { path: / } ]
                    metrics: [ "%s/metrics" ]
                    """
                            .formatted(server.url(), server.url()),
                    dir);

            List<JsonNode> lines = Files.readAllLines(dir.resolve("timeline.jsonl")).stream()
                    .map(ScrapeTest::json)
                    .toList();
            JsonNode late = lines.get(3).path("metrics");
            assertThat(late.path("demo_pool_in_use").asDouble()).isEqualTo(42.0);
            // The counter counts the target's requests: about 200/s plus one scrape a second.
            assertThat(late.path("demo_requests_total{route=\"/\"}/s").asDouble())
                    .isBetween(120.0, 300.0);
        }
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void textFormat_typesSeriesAndSkipsWhatIsNotANumber() {
        Map<String, PrometheusText.Sample> s = PrometheusText.parse(
                """
                # HELP http_seconds Request time.
                # TYPE http_seconds histogram
                http_seconds_bucket{le="0.1",path="/a b{c}"} 10
                http_seconds_sum 1.5
                # TYPE temp gauge
                temp 21.5 1700000000000
                up NaN
                jobs_total 7
                """,
                100);
        assertThat(s)
                .containsOnlyKeys(
                        "http_seconds_bucket{le=\"0.1\",path=\"/a b{c}\"}", "http_seconds_sum", "temp", "jobs_total");
        assertThat(s.get("http_seconds_sum").counter()).isTrue();
        assertThat(s.get("temp")).isEqualTo(new PrometheusText.Sample(21.5, false));
        assertThat(s.get("jobs_total").counter()).isTrue();
    }
}
