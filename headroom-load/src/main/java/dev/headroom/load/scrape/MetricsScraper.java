package dev.headroom.load.scrape;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the target's Prometheus endpoints once a second while the run goes, off the event
 * loops. {@link #sample()} gives the latest values for the timeline: gauges as read, counters as a
 * rate per second between the last two scrapes (keyed {@code series/s}). With several endpoints,
 * each series is prefixed by its endpoint's host and port. At most {@link #MAX_SERIES} series per
 * endpoint. Scrapes carry the run's tag header like every other request.
 */
public final class MetricsScraper implements AutoCloseable {
    public static final int MAX_SERIES = 500;

    private final List<URI> endpoints;
    private final String tagHeader;
    private final String runTag;
    private final List<Endpoint> state = new ArrayList<>();
    private ScheduledExecutorService timer;
    private HttpClient client;

    private static final class Endpoint {
        final URI uri;
        final String prefix;
        Map<String, PrometheusText.Sample> previous = Map.of();
        long previousNanos;
        volatile Map<String, Double> latest = Map.of();
        volatile long failures;

        Endpoint(URI uri, String prefix) {
            this.uri = uri;
            this.prefix = prefix;
        }
    }

    public MetricsScraper(List<URI> endpoints, String tagHeader, String runTag) {
        this.endpoints = List.copyOf(endpoints);
        this.tagHeader = tagHeader;
        this.runTag = runTag;
        for (URI u : endpoints) {
            state.add(new Endpoint(u, endpoints.size() > 1 ? u.getHost() + ":" + u.getPort() + " " : ""));
        }
    }

    public void start() {
        if (endpoints.isEmpty()) {
            return;
        }
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(800))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "headroom-scrape");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::scrapeAll, 0, 1, TimeUnit.SECONDS);
    }

    private void scrapeAll() {
        for (Endpoint e : state) {
            HttpRequest request = HttpRequest.newBuilder(e.uri)
                    .timeout(Duration.ofMillis(900))
                    .header(tagHeader, runTag)
                    .GET()
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    e.failures++;
                    return;
                }
                update(e, PrometheusText.parse(response.body(), MAX_SERIES), System.nanoTime());
            });
        }
    }

    private static synchronized void update(Endpoint e, Map<String, PrometheusText.Sample> now, long nanos) {
        Map<String, Double> values = new HashMap<>();
        double seconds = (nanos - e.previousNanos) / 1e9;
        for (Map.Entry<String, PrometheusText.Sample> s : now.entrySet()) {
            if (!s.getValue().counter()) {
                values.put(e.prefix + s.getKey(), s.getValue().value());
            } else {
                PrometheusText.Sample before = e.previous.get(s.getKey());
                if (before != null && seconds > 0 && s.getValue().value() >= before.value()) {
                    double rate = (s.getValue().value() - before.value()) / seconds;
                    values.put(e.prefix + s.getKey() + "/s", Math.round(rate * 1000) / 1000.0);
                }
            }
        }
        e.previous = now;
        e.previousNanos = nanos;
        e.latest = values;
    }

    /** The latest values of every endpoint, sorted by series; null when the scenario lists no endpoint. */
    public Map<String, Double> sample() {
        if (endpoints.isEmpty()) {
            return null;
        }
        Map<String, Double> out = new TreeMap<>();
        for (Endpoint e : state) {
            out.putAll(e.latest);
        }
        return out;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
