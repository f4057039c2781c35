package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.load.cleanup.Cleanup;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.CleanupResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, basket and checkout over real HTTP on 127.0.0.1, with the session cookie handled by hand. */
class SessionJourneyTest {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();
    private DemoShop shop;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        shop = DemoShop.start(
                ShopConfig.defaults().withTablePrefix(Databases.uniquePrefix()).withDbRoundTrip(Duration.ZERO),
                new SessionPolicy(Duration.ofMinutes(10), 3, 2, 5),
                clock);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    /** A request; {@code headers} alternate name and value. */
    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(shop.url().resolve(path))
                .timeout(Duration.ofSeconds(5))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in and returns the Cookie header value the shop asked for. */
    private String login(String customer) throws Exception {
        HttpResponse<String> r = send("POST", "/login", "{\"customer\":\"" + customer + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private String csrf(String cookie) throws Exception {
        HttpResponse<String> basket = send("GET", "/basket", null, "Cookie", cookie);
        assertThat(basket.statusCode()).isEqualTo(200);
        return JSON.readTree(basket.body()).at("/csrf").asText();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void fullJourney_loginMenuBasketCheckoutStatus_placesTheBasketAsATaggedOrder() throws Exception {
        HttpResponse<String> login =
                send("POST", "/login", "customer=c-7", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).isEqualTo("{\"customer\":\"c-7\",\"expires_in_seconds\":600}");
        String set = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).matches("shop_session=[A-Za-z0-9_-]{43}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax");
        String cookie = set.substring(0, set.indexOf(';'));

        JsonNode menu = json(send("GET", "/menu", null, "Cookie", cookie));
        int cappuccino = menu.at("/items/2/id").asInt();
        assertThat(menu.at("/items/2/name").asText()).isEqualTo("cappuccino");

        assertThat(send("POST", "/basket/items", "{\"item\":" + cappuccino + ",\"quantity\":2}", "Cookie", cookie)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> added = send(
                "POST",
                "/basket/items",
                "item=1",
                "Cookie",
                cookie,
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(added.body())
                .isEqualTo("{\"customer\":\"c-7\",\"lines\":[{\"item\":3,\"name\":\"cappuccino\",\"quantity\":2,"
                        + "\"price_cents\":320},{\"item\":1,\"name\":\"espresso\",\"quantity\":1,\"price_cents\":250}],"
                        + "\"total_cents\":890}");

        HttpResponse<String> basket = send("GET", "/basket", null, "Cookie", cookie);
        String token = json(basket).at("/csrf").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(basket.headers().firstValue("X-CSRF-Token")).hasValue(token);
        assertThat(json(basket).at("/total_cents").asLong()).isEqualTo(890);

        HttpResponse<String> checkout =
                send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", token, "X-Headroom-Run", "run-j1");
        assertThat(checkout.statusCode()).isEqualTo(201);
        // The seeded past orders are ids 1 to 200.
        assertThat(checkout.body()).isEqualTo("{\"id\":201,\"status\":\"placed\",\"total_cents\":890}");
        assertThat(send("GET", "/orders/201", null, "Cookie", cookie).body())
                .isEqualTo("{\"id\":201,\"status\":\"placed\",\"total_cents\":890,\"lines\":2}");
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id = 'run-j1'"))
                .isEqualTo(1);
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}order_lines WHERE run_id = 'run-j1'"))
                .isEqualTo(2);
        assertThat(ShopLoadCleanupTest.count(
                        shop, "SELECT COUNT(*) FROM {p}orders WHERE id = 201 AND customer = 'c-7'"))
                .isEqualTo(1);

        // The basket is empty after the checkout, and an empty basket is not ordered again.
        assertThat(json(send("GET", "/basket", null, "Cookie", cookie))
                        .at("/lines")
                        .size())
                .isZero();
        HttpResponse<String> again = send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", token);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("the basket is empty");
    }

    @Test
    void concurrentCheckoutsOfOneBasket_placeItOnce() throws Exception {
        String cookie = login("c-1");
        send("POST", "/basket/items", "{\"item\":2}", "Cookie", cookie);
        String token = csrf(cookie);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(CLIENT.sendAsync(
                    HttpRequest.newBuilder(shop.url().resolve("/checkout"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .header("Cookie", cookie)
                            .header("X-CSRF-Token", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var f : all) {
            statuses.add(f.get().statusCode());
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders"))
                .isEqualTo(201);
    }

    @Test
    void withoutTheSessionCookie_basketAndCheckoutAnswer401() throws Exception {
        for (HttpResponse<String> r : List.of(
                send("GET", "/basket", null),
                send("POST", "/basket/items", "{\"item\":1}"),
                send("POST", "/checkout", null, "X-CSRF-Token", "x"),
                send("GET", "/basket", null, "Cookie", "shop_session=not-a-session"),
                send("GET", "/basket", null, "Cookie", "other=1"))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("log in with POST /login");
        }
    }

    @Test
    void checkout_withAMissingOrWrongToken_is403_andLeavesTheBasket() throws Exception {
        String cookie = login("c-1");
        send("POST", "/basket/items", "{\"item\":4}", "Cookie", cookie);
        String token = csrf(cookie);

        HttpResponse<String> missing = send("POST", "/checkout", null, "Cookie", cookie);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("needs the header X-CSRF-Token");
        String wrong = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
        HttpResponse<String> bad = send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", wrong);
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.body()).contains("is not this session's token");

        assertThat(json(send("GET", "/basket", null, "Cookie", cookie))
                        .at("/lines/0/item")
                        .asInt())
                .isEqualTo(4);
        assertThat(send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", token)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void checkout_withTheTokenOfAnotherSession_is403() throws Exception {
        String alice = login("alice");
        String bob = login("bob");
        send("POST", "/basket/items", "{\"item\":2}", "Cookie", alice);
        String bobsToken = csrf(bob);
        assertThat(bobsToken).isNotEqualTo(csrf(alice));
        HttpResponse<String> r = send("POST", "/checkout", null, "Cookie", alice, "X-CSRF-Token", bobsToken);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders"))
                .isEqualTo(200);
    }

    @Test
    void aSession_expiresItsTtlAfterTheLogin() throws Exception {
        String cookie = login("c-1");
        String token = csrf(cookie);
        send("POST", "/basket/items", "{\"item\":2}", "Cookie", cookie);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(send("GET", "/basket", null, "Cookie", cookie).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = send("GET", "/basket", null, "Cookie", cookie);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired (a login lasts 600s)");
        assertThat(send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", token)
                        .statusCode())
                .isEqualTo(401);
        assertThat(metricsLine("shop_sessions ")).isEqualTo("shop_sessions 0");
    }

    @Test
    void aFullSessionStore_dropsTheOldestLogin_andCountsIt() throws Exception {
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cookies.add(login("c-" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(send("GET", "/basket", null, "Cookie", cookies.get(0)).statusCode())
                .isEqualTo(401);
        for (String c : cookies.subList(1, 4)) {
            assertThat(send("GET", "/basket", null, "Cookie", c).statusCode()).isEqualTo(200);
        }
        assertThat(metricsLine("shop_sessions ")).isEqualTo("shop_sessions 3");
        assertThat(metricsLine("shop_sessions_evicted_total ")).isEqualTo("shop_sessions_evicted_total 1");
    }

    @Test
    void badInput_getsAClear4xx() throws Exception {
        assertThat(send("POST", "/login", "{}").body()).contains("a login needs a customer name");
        assertThat(send("POST", "/login", "{}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/login", "not json").body()).contains("neither a JSON object nor a form");
        assertThat(send("POST", "/login", "customer=%zz", "Content-Type", "application/x-www-form-urlencoded")
                        .body())
                .contains("malformed % escape");
        assertThat(send("POST", "/login", "{\"customer\":\"" + "x".repeat(65) + "\"}")
                        .statusCode())
                .isEqualTo(400);

        String cookie = login("c-1");
        HttpResponse<String> zero = send("POST", "/basket/items", "{\"item\":2,\"quantity\":0}", "Cookie", cookie);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("quantity of 1 to 5, was item=2 quantity=0");
        assertThat(send("POST", "/basket/items", "{\"item\":\"x\"}", "Cookie", cookie)
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> offMenu = send("POST", "/basket/items", "{\"item\":77}", "Cookie", cookie);
        assertThat(offMenu.statusCode()).isEqualTo(422);
        assertThat(offMenu.body()).contains("item 77 is not on the menu");

        // The policy of this test: at most 2 different items, 5 of one.
        assertThat(send("POST", "/basket/items", "{\"item\":1,\"quantity\":5}", "Cookie", cookie)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> tooMany = send("POST", "/basket/items", "{\"item\":1}", "Cookie", cookie);
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body()).contains("would hold 6 of item 1, more than 5");
        send("POST", "/basket/items", "{\"item\":2}", "Cookie", cookie);
        HttpResponse<String> third = send("POST", "/basket/items", "{\"item\":3}", "Cookie", cookie);
        assertThat(third.statusCode()).isEqualTo(422);
        assertThat(third.body()).contains("at most 2 different items");

        HttpResponse<String> huge =
                send("POST", "/basket/items", "{\"item\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}", "Cookie", cookie);
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> badTag =
                send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", csrf(cookie), "X-Headroom-Run", " ");
        assertThat(badTag.statusCode()).isEqualTo(400);
        assertThat(json(send("GET", "/basket", null, "Cookie", cookie))
                        .at("/lines")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void metrics_countTheJourneysEndpoints() throws Exception {
        String cookie = login("c-1");
        send("POST", "/basket/items", "{\"item\":2}", "Cookie", cookie);
        String token = csrf(cookie);
        send("POST", "/checkout", null, "Cookie", cookie, "X-CSRF-Token", token);
        send("POST", "/checkout", null, "Cookie", cookie);
        for (String endpoint : List.of("login", "basket_add", "basket")) {
            assertThat(settledMetricsLine("shop_requests_total{endpoint=\"" + endpoint + "\"} "))
                    .isEqualTo("shop_requests_total{endpoint=\"" + endpoint + "\"} 1");
        }
        assertThat(settledMetricsLine("shop_requests_total{endpoint=\"checkout\"} "))
                .isEqualTo("shop_requests_total{endpoint=\"checkout\"} 2");
        assertThat(metricsLine("shop_request_seconds_count{endpoint=\"checkout\"} "))
                .isEqualTo("shop_request_seconds_count{endpoint=\"checkout\"} 2");
    }

    @Test
    void cleanup_removesTheOrdersOfTaggedJourneys_andNothingElse() throws Exception {
        Scenario s = ScenarioLoader.parse(
                "test.yaml",
                ShopLoadCleanupTest.scenario(shop, "10/s", "1s", ""),
                ScenarioLoader.CommandLine.NONE,
                dir);
        String run = "journey-run-1";
        Cleanup cleanup = new Cleanup(s.cleanup().orElseThrow(), run, s.tagHeader());
        CleanupResult baseline = cleanup.baseline();
        for (int i = 0; i < 3; i++) {
            String cookie = login("c-" + i);
            send("POST", "/basket/items", "{\"item\":" + (i + 1) + ",\"quantity\":2}", "Cookie", cookie);
            send("POST", "/basket/items", "{\"item\":9}", "Cookie", cookie);
            String tag = i < 2 ? run : "someone-else";
            assertThat(send(
                                    "POST",
                                    "/checkout",
                                    null,
                                    "Cookie",
                                    cookie,
                                    "X-CSRF-Token",
                                    csrf(cookie),
                                    "X-Headroom-Run",
                                    tag)
                            .statusCode())
                    .isEqualTo(201);
        }
        CleanupResult done = cleanup.run(baseline);
        assertThat(done.problems()).isEmpty();
        assertThat(done.verified()).isTrue();
        assertThat(done.tables())
                .extracting(CleanupResult.Table::markedAtCleanup, CleanupResult.Table::remaining)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4L, 0L), org.assertj.core.groups.Tuple.tuple(2L, 0L));
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id = '" + run + "'"))
                .isZero();
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id = 'someone-else'"))
                .isEqualTo(1);
        assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders"))
                .isEqualTo(201);
    }

    private String metricsLine(String prefix) throws Exception {
        return send("GET", "/metrics", null)
                .body()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix));
    }

    /** The shop counts a request after its response is sent: read until nothing is in flight (bounded). */
    private String settledMetricsLine(String prefix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!metricsLine("shop_inflight ").equals("shop_inflight 0") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return metricsLine(prefix);
    }
}
