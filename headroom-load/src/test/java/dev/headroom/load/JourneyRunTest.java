package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.TimelineRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Journeys run against a real shop on loopback: sessions, cookies, extracted values, due times and the funnel. */
@Timeout(60)
class JourneyRunTest {
    private static final long THINK_NANOS = 100_000_000L;
    private ShopServer shop;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        shop = new ShopServer();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private String buying(String workload, String loginExtract, String onFailure) {
        return buying(workload, loginExtract, onFailure, "");
    }

    /** The buying journey; {@code basketHeaders} adds headers to the basket step (", Name: value"). */
    private String buying(String workload, String loginExtract, String onFailure, String basketHeaders) {
        return """
                name: shop
                target: URL
                workload: WORKLOAD
                client: { eventLoops: 1, grace: 5s }
                feeders: { user: { counter: 1 } }
                journeys:
                  - name: buy
                    onFailure: ON_FAILURE
                    steps:
                      - name: login
                        method: POST
                        path: /login
                        headers: { X-User: 'u${user}' }
                        check: { status: 200 }
                        extract: { token: LOGIN_EXTRACT }
                      - think: 100ms
                      - name: basket
                        path: /basket
                        headers: { X-User: 'u${user}'BASKET_HEADERS }
                        check: { status: 200 }
                        extract: { item: { regex: 'item id=(\\d+)' }, next: { header: Location }, code: { status: true } }
                      - name: checkout
                        method: POST
                        path: '/checkout/${item}'
                        headers: { X-Next: '${next}', X-Code: '${code}' }
                        body: '${token}'
                        check: { status: 200, bodyContains: thanks }
                """
                .replace("URL", shop.url())
                .replace("WORKLOAD", workload)
                .replace("LOGIN_EXTRACT", loginExtract)
                .replace("ON_FAILURE", onFailure)
                .replace("BASKET_HEADERS", basketHeaders);
    }

    private static final String OPEN = "{ profile: { constant: { rate: 20/s, duration: 1s } }, arrivals: uniform }";

    @Test
    void openModel_eachSessionKeepsItsCookieAndToken_andEveryStepIsDueAfterThePreviousPlusItsPause() throws Exception {
        shop.delayBasket(30);
        LoadEngine.Result r = Runs.run(buying(OPEN, "{ json: /csrf }", "stop"), dir);
        JourneySummary buy = r.run().measurement().journeys().get("buy");
        long n = shop.seen("/login").size();
        assertThat(n).isBetween(19L, 20L);
        assertThat(buy.started()).isEqualTo(n);
        assertThat(buy.completed()).isEqualTo(n);
        assertThat(buy.abandoned()).isZero();
        assertThat(buy.steps()).extracting(JourneySummary.Step::name).containsExactly("login", "basket", "checkout");
        assertThat(buy.steps()).allSatisfy(s -> {
            assertThat(s.requests()).isEqualTo(n);
            assertThat(s.completed()).isEqualTo(n);
            assertThat(s.errors()).isEmpty();
            assertThat(s.serviceMillis().p50())
                    .isLessThanOrEqualTo(s.latencyMillis().p50());
        });
        // The basket's latency counts from its due time, and it answers after 30 ms.
        assertThat(buy.steps().get(1).serviceMillis().p50()).isGreaterThanOrEqualTo(30.0);
        // A journey lasts at least its pause and the basket's delay.
        assertThat(buy.durationMillis().p50()).isGreaterThanOrEqualTo(130.0);
        assertThat(r.run().summary().requests()).isEqualTo(3 * n);
        assertThat(r.run().summary().completed()).isEqualTo(3 * n);
        assertThat(r.run().summary().classes()).containsKeys("buy/login", "buy/basket", "buy/checkout");

        Map<String, String> tokens = shop.tokens();
        assertThat(tokens).hasSize((int) n);
        List<ShopServer.Seen> logins = shop.seen("/login");
        for (ShopServer.Seen basket : shop.seen("/basket")) {
            // Only the cookie for / goes back (not the one for /admin), and each session's own.
            assertThat(basket.cookie()).matches("sid=s[0-9]+");
            // The feeder's value is drawn once per session: the basket carries its login's user.
            ShopServer.Seen login = logins.get(Integer.parseInt(basket.cookie().substring(5)) - 1);
            assertThat(basket.user()).isEqualTo(login.user());
        }
        assertThat(logins.stream().map(ShopServer.Seen::user).distinct()).hasSize((int) n);
        for (ShopServer.Seen checkout : shop.seen("/checkout")) {
            String sid = checkout.cookie().substring(4);
            assertThat(checkout.body()).isEqualTo(tokens.get(sid));
            ShopServer.Seen login = logins.get(Integer.parseInt(sid.substring(1)) - 1);
            ShopServer.Seen basket = shop.seen("/basket").stream()
                    .filter(b -> b.cookie().equals(checkout.cookie()))
                    .findFirst()
                    .orElseThrow();
            // The basket was due no sooner than the login's response plus the pause.
            assertThat(basket.nanos() - login.nanos()).isGreaterThanOrEqualTo(THINK_NANOS);
            assertThat(checkout.nanos()).isGreaterThan(basket.nanos());
        }
        assertThat(shop.seen()).allSatisfy(s -> assertThat(s.tag()).isEqualTo(Runs.RUN_ID));

        // The timeline offers journeys (the profile's 20/s) and the 3 requests each asks for: the
        // rate that throughput, in requests, is compared with.
        List<TimelineRecord> timeline = Files.readAllLines(dir.resolve("timeline.jsonl")).stream()
                .map(l -> {
                    try {
                        return RunJson.mapper().readValue(l, TimelineRecord.class);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
        TimelineRecord first = timeline.get(0);
        assertThat(first.offeredPerSecond()).isCloseTo(20.0, within(0.1));
        assertThat(first.offeredRequestsPerSecond()).isCloseTo(3 * first.offeredPerSecond(), within(0.002));
        assertThat(first.offeredRequests()).isEqualTo(first.offeredRequestsPerSecond());
    }

    @Test
    void aStepThatWaitsForABusyConnection_countsTheWaitInItsLatency() throws Exception {
        // One connection and a basket of 100 ms, twenty journeys a second: the connection is
        // needed for twice the time there is, so due steps queue, and their latency from the due
        // time must show the queue that their service time does not.
        shop.delayBasket(100);
        String yaml = buying(OPEN, "{ json: /csrf }", "stop")
                .replace(
                        "client: { eventLoops: 1, grace: 5s }",
                        "client: { eventLoops: 1, grace: 10s, connections: 1 }");
        JourneySummary buy = Runs.run(yaml, dir).run().measurement().journeys().get("buy");
        assertThat(buy.completed()).isEqualTo(buy.started()).isBetween(19L, 20L);
        JourneySummary.Step basket = buy.steps().get(1);
        assertThat(basket.serviceMillis().p99()).isGreaterThanOrEqualTo(100.0);
        assertThat(basket.latencyMillis().p99())
                .isGreaterThan(2 * basket.serviceMillis().p99());
        assertThat(buy.durationMillis().max()).isGreaterThan(1000.0);
    }

    @Test
    void aStepNameWithASpace_isTaggedWithoutItInTheLatencyLog() throws Exception {
        String yaml = buying(OPEN, "{ json: /csrf }", "stop").replace("name: basket", "name: the basket, please");
        JourneySummary buy = Runs.run(yaml, dir).run().measurement().journeys().get("buy");
        assertThat(buy.completed()).isEqualTo(buy.started()).isPositive();
        assertThat(buy.steps().get(1).name()).isEqualTo("the basket, please");
        assertThat(Files.readString(dir.resolve("latency.hlog"))).contains("Tag=buy/the_basket__please,");
    }

    @Test
    void anExtractionThatFindsNothing_abandonsTheJourneyAtThatStep_andSendsNoLaterStep() throws Exception {
        LoadEngine.Result r = Runs.run(buying(OPEN, "{ json: /missing }", "stop"), dir);
        JourneySummary buy = r.run().measurement().journeys().get("buy");
        long n = shop.seen("/login").size();
        assertThat(n).isBetween(19L, 20L);
        assertThat(buy.started()).isEqualTo(n);
        assertThat(buy.completed()).isZero();
        assertThat(buy.abandoned()).isEqualTo(n);
        assertThat(buy.abandonedBy()).containsExactly(Map.entry("journey-extract", n));
        assertThat(buy.steps()).extracting(JourneySummary.Step::abandoned).containsExactly(n, 0L, 0L);
        assertThat(buy.steps().get(0).errors()).containsExactly(Map.entry("journey-extract", n));
        assertThat(buy.steps().get(1).requests()).isZero();
        assertThat(r.run().summary().errors()).containsEntry("journey-extract", n);
        assertThat(shop.seen("/basket")).isEmpty();
    }

    @Test
    void anExtractedValueWithALineBreak_isNeverSent_andAbandonsTheJourneyAsUnsafeValue() throws Exception {
        String yaml = buying(OPEN, "{ json: /csrf }", "stop", ", X-Token: '${token}'")
                .replace("path: /login\n", "path: /login?evil\n");
        JourneySummary buy = Runs.run(yaml, dir).run().measurement().journeys().get("buy");
        long n = buy.started();
        assertThat(n).isBetween(19L, 20L);
        assertThat(buy.abandonedBy()).containsExactly(Map.entry("unsafe-value", n));
        assertThat(buy.steps()).extracting(JourneySummary.Step::abandoned).containsExactly(0L, n, 0L);
        assertThat(shop.seen("/basket")).isEmpty();
    }

    @Test
    void onFailureContinue_goesOnPastAFailedCheck() throws Exception {
        String yaml = buying(OPEN, "{ json: /csrf }", "continue").replace("path: /basket", "path: /fail");
        LoadEngine.Result r = Runs.run(yaml, dir);
        JourneySummary buy = r.run().measurement().journeys().get("buy");
        long n = buy.started();
        assertThat(n).isBetween(19L, 20L);
        assertThat(buy.completed()).isEqualTo(n);
        assertThat(buy.abandoned()).isZero();
        assertThat(buy.steps().get(1).errors()).containsExactly(Map.entry("check-status", n));
        // The failed step extracted nothing: ${item} is empty, so checkout went to /checkout/ and failed its check.
        assertThat(buy.steps().get(2).requests()).isEqualTo(n);
        assertThat(buy.steps().get(2).errors()).containsExactly(Map.entry("check-body", n));
        assertThat(shop.seen("/checkout/")).hasSize((int) n).allSatisfy(c -> assertThat(c.path())
                .isEqualTo("/checkout/"));
    }

    @Test
    void aFailedCheck_abandonsAsJourneyCheck() throws Exception {
        String yaml = buying(OPEN, "{ json: /csrf }", "stop").replace("path: /basket", "path: /fail");
        JourneySummary buy = Runs.run(yaml, dir).run().measurement().journeys().get("buy");
        long n = buy.started();
        assertThat(n).isBetween(19L, 20L);
        assertThat(buy.abandonedBy()).containsExactly(Map.entry("journey-check", n));
        assertThat(buy.steps()).extracting(JourneySummary.Step::abandoned).containsExactly(0L, n, 0L);
    }

    @Test
    void closedModel_usersLoopOverTheJourneys() throws Exception {
        String closed = "{ model: closed, users: 2, duration: 1s, thinkTime: 10ms }";
        LoadEngine.Result r = Runs.run(buying(closed, "{ json: /csrf }", "stop"), dir);
        JourneySummary buy = r.run().measurement().journeys().get("buy");
        assertThat(buy.completed()).as(buy.toString() + " " + r.run().summary()).isGreaterThanOrEqualTo(2);
        assertThat(buy.abandoned()).isZero();
        assertThat(buy.started()).isEqualTo(buy.completed() + buy.unfinished());
        for (ShopServer.Seen checkout : shop.seen("/checkout")) {
            assertThat(checkout.body())
                    .isEqualTo(shop.tokens().get(checkout.cookie().substring(4)));
        }
    }

    @Test
    void anEnvironmentSecret_isSentButNeverWrittenToTheRunDirectory() throws Exception {
        String secret = "hunter2-'\"<>&;%${x}$$";
        String yaml = buying(OPEN, "{ json: /csrf }", "stop", ", Authorization: 'Bearer ${env.SHOP_SECRET}'");
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        Scenario s = ScenarioLoader.parse(
                file.toString(), yaml, ScenarioLoader.CommandLine.NONE, dir, Map.of("SHOP_SECRET", secret)::get);
        Path out = dir.resolve("run");
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "measurement",
                Runs.RUN_ID,
                s.name(),
                "test",
                42,
                "scenario.yaml",
                "0".repeat(64),
                List.of(),
                "uniform",
                1,
                0);
        List<String> progress = new java.util.ArrayList<>();
        LoadEngine.Result r = LoadEngine.prepare(
                        s, new LoadEngine.Settings(Runs.RUN_ID, 42, out, file, meta, progress::add))
                .run();
        assertThat(r.run().measurement().journeys().get("buy").completed()).isBetween(19L, 20L);
        assertThat(shop.seen("/basket")).allSatisfy(b -> assertThat(b.auth()).isEqualTo("Bearer " + secret));
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).isNotEmpty();
            for (Path f : written) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("hunter2");
            }
        }
        String copy = Files.list(out)
                .filter(p -> p.getFileName().toString().endsWith(".yaml"))
                .map(p -> {
                    try {
                        return Files.readString(p);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(copy).contains("${env.SHOP_SECRET}");
        assertThat(progress).noneMatch(line -> line.contains("hunter2"));
    }
}
