package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoShopTest {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static HttpResponse<String> send(URI uri, String method, String body, String runTag) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (runTag != null) {
            b.header("X-Headroom-Run", runTag);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shop_servesMenuItemsOrdersAndReport_onLoopback() throws Exception {
        try (DemoShop shop = DemoShop.start(ShopConfig.defaults().withTablePrefix(Databases.uniquePrefix()))) {
            URI base = shop.url();
            assertThat(base.getHost()).isEqualTo("127.0.0.1");
            assertThat(send(base.resolve("/menu"), "GET", null, null).body()).contains("\"espresso\"");
            assertThat(send(base.resolve("/items/3"), "GET", null, null).body())
                    .isEqualTo("{\"id\":3,\"name\":\"cappuccino\",\"price_cents\":320}");
            assertThat(send(base.resolve("/items/99"), "GET", null, null).statusCode())
                    .isEqualTo(404);

            HttpResponse<String> placed = send(
                    base.resolve("/orders"),
                    "POST",
                    "{\"customer\":\"c-1\",\"lines\":[{\"item\":3,\"quantity\":2},{\"item\":1,\"quantity\":1}]}",
                    null);
            assertThat(placed.statusCode()).isEqualTo(201);
            // 2 x 320 + 250, ids continue after the 200 seeded past orders.
            assertThat(placed.body()).isEqualTo("{\"id\":201,\"status\":\"placed\",\"total_cents\":890}");
            assertThat(send(base.resolve("/orders/201"), "GET", null, null).body())
                    .isEqualTo("{\"id\":201,\"status\":\"placed\",\"total_cents\":890,\"lines\":2}");
            assertThat(send(base.resolve("/orders"), "POST", "{\"lines\":[{\"item\":77}]}", null)
                            .statusCode())
                    .isEqualTo(422);
            assertThat(send(base.resolve("/orders"), "POST", "not json", null).statusCode())
                    .isEqualTo(400);
            assertThat(send(base.resolve("/internal/report"), "GET", null, null).body())
                    .contains(
                            "{\"id\":3,\"name\":\"cappuccino\",\"orders\":11,\"quantity\":12,\"revenue_cents\":3840}");
        }
    }

    /** Reads /metrics until it holds {@code line} and nothing is in flight, for at most 10 s. */
    private static HttpResponse<String> settledMetrics(DemoShop shop, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> m = send(shop.metricsUrl(), "GET", null, null);
            boolean settled = m.body().contains(line) && m.body().contains("shop_inflight 0\n");
            if (settled || System.nanoTime() > deadline) {
                return m;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void metrics_exposeRequestsPoolCpuAndQueryTime_inPrometheusText() throws Exception {
        try (DemoShop shop = DemoShop.start(ShopConfig.defaults().withTablePrefix(Databases.uniquePrefix()))) {
            for (int i = 0; i < 3; i++) {
                send(shop.url().resolve("/menu"), "GET", null, null);
            }
            // The shop counts a request after its response is sent, so the client can read the
            // third answer a moment before the count moves: read until the counts settle (bounded).
            HttpResponse<String> m = settledMetrics(shop, "shop_requests_total{endpoint=\"menu\"} 3\n");
            assertThat(m.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(m.body())
                    .contains("shop_requests_total{endpoint=\"menu\"} 3\n")
                    .contains("shop_request_seconds_count{endpoint=\"menu\"} 3\n")
                    .contains("shop_request_seconds_bucket{endpoint=\"menu\",le=\"+Inf\"} 3\n")
                    .contains("shop_pool_size 4\n")
                    .contains("shop_pool_active 0\n")
                    .contains("shop_pool_waiting 0\n")
                    .contains("shop_db_query_seconds_count 3\n")
                    .contains("shop_pool_wait_seconds_count 3\n")
                    .contains("# TYPE process_cpu_seconds_total counter\n")
                    .contains("shop_worker_threads 32\n")
                    .contains("shop_inflight 0\n")
                    .contains("process_cpu_count ");
            double dbSeconds = Double.parseDouble(m.body()
                    .lines()
                    .filter(l -> l.startsWith("shop_db_query_seconds_sum "))
                    .findFirst()
                    .orElseThrow()
                    .substring("shop_db_query_seconds_sum ".length()));
            // Three statements, each with the default 5 ms round trip.
            assertThat(dbSeconds).isBetween(0.015, 0.5);
        }
    }
}
