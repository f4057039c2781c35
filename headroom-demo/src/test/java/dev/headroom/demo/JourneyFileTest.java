package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/demo/journeys.yaml ({@code headroom demo}'s scenario) as the shop sees it, without the
 * load generator: this test performs its steps itself, against the shop, with java.net.http and a cookie jar per journey: every check must hold
 * and every extraction (JSON pointer through {@link JsonNode#at}, header, regex, status) must find
 * its value, and each {@code ${var}} must come from a feeder or an earlier step.
 */
// The spec is read as snakeyaml's untyped maps and lists.
@SuppressWarnings("unchecked")
class JourneyFileTest {
    private static final Path FILE = Path.of("../examples/demo/journeys.yaml");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "journey-file-run";

    private static Map<String, Object> spec() throws Exception {
        return new Yaml().load(Files.readString(FILE, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Object map, String key) {
        return (T) ((Map<String, Object>) map).get(key);
    }

    @Test
    void theFile_hasABrowseOnlyAndABuyingJourneyByWeight_madeOfRequestsAndPauses() throws Exception {
        List<Object> journeys = get(spec(), "journeys");
        assertThat(journeys).extracting(j -> get(j, "name")).containsExactly("browse", "buy");
        assertThat(journeys).extracting(j -> get(j, "weight")).containsExactly(70, 30);
        List<Object> browse = get(journeys.get(0), "steps");
        assertThat(browse).filteredOn(s -> get(s, "path") != null).allSatisfy(s -> assertThat((String) get(s, "method"))
                .isNull());
        for (Object j : journeys) {
            for (Object step : (List<Object>) get(j, "steps")) {
                Object think = get(step, "think");
                if (think != null) {
                    String d = think instanceof Map<?, ?> m ? (String) m.get("exponential") : (String) think;
                    assertThat(d).matches(DURATION);
                    assertThat((Map<?, ?>) step).hasSize(1);
                } else {
                    assertThat((String) get(step, "path")).startsWith("/");
                }
            }
        }
    }

    @Test
    void everyJourney_runsAgainstTheShop_andCleanupRemovesWhatTheyOrdered() throws Exception {
        Map<String, Object> spec = spec();
        Random random = new Random(((Number) spec.get("seed")).longValue());
        try (DemoShop shop = DemoShop.start(
                ShopConfig.defaults().withTablePrefix(Databases.uniquePrefix()).withDbRoundTrip(Duration.ZERO))) {
            int buys = 0;
            for (Object journey : (List<Object>) get(spec, "journeys")) {
                for (int instance = 0; instance < 4; instance++) {
                    Map<String, String> vars = feederValues(get(spec, "feeders"), random);
                    run(shop, journey, vars);
                    if (get(journey, "name").equals("buy")) {
                        buys++;
                        assertThat(vars.get("csrf")).isEqualTo(vars.get("csrfHeader"));
                        assertThat(vars.get("checkoutStatus")).isEqualTo("201");
                        assertThat(Long.parseLong(vars.get("order"))).isGreaterThan(ShopDatabase.SEED_ORDERS);
                    } else {
                        assertThat(vars.get("latte")).isEqualTo("4");
                    }
                }
            }
            String marked = "SELECT COUNT(*) FROM {p}orders WHERE run_id = '" + RUN + "'";
            assertThat(ShopLoadCleanupTest.count(shop, marked)).isEqualTo(buys);
            HttpResponse<String> cleanup =
                    DemoShopTest.send(shop.url().resolve("/internal/runs/" + RUN), "DELETE", null, null);
            assertThat(cleanup.body())
                    .isEqualTo("{\"run\":\"" + RUN + "\",\"order_lines\":" + 2 * buys + ",\"orders\":" + buys + "}");
            assertThat(ShopLoadCleanupTest.count(shop, marked)).isZero();
            assertThat(ShopLoadCleanupTest.count(shop, "SELECT COUNT(*) FROM {p}orders"))
                    .isEqualTo(ShopDatabase.SEED_ORDERS);
        }
    }

    /** One value per feeder, drawn like a random feeder: uniform over min to max. */
    private static Map<String, String> feederValues(Map<String, Object> feeders, Random random) {
        Map<String, String> out = new HashMap<>();
        feeders.forEach((name, f) -> {
            Map<String, Object> r = get(f, "random");
            int min = ((Number) r.get("min")).intValue();
            int max = ((Number) r.get("max")).intValue();
            out.put(name, Integer.toString(min + random.nextInt(max - min + 1)));
        });
        return out;
    }

    /** A session: one cookie jar for the journey's steps, as the generator gives each journey instance. */
    private static void run(DemoShop shop, Object journey, Map<String, String> vars) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        for (Object step : (List<Object>) get(journey, "steps")) {
            if (get(step, "think") != null) {
                continue;
            }
            String where = get(journey, "name") + " / " + get(step, "name");
            HttpResponse<String> r =
                    client.send(request(shop, step, vars, where), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> check = get(step, "check");
            assertThat((List<Integer>) check.get("status"))
                    .as(where + ": " + r.body())
                    .contains(r.statusCode());
            if (check.get("bodyContains") != null) {
                assertThat(r.body()).as(where).contains((String) check.get("bodyContains"));
            }
            Map<String, Object> extract = get(step, "extract");
            if (extract != null) {
                extract.forEach((var, how) -> vars.put(var, extract(r, (Map<String, Object>) how, where + " " + var)));
            }
        }
    }

    private static HttpRequest request(DemoShop shop, Object step, Map<String, String> vars, String where) {
        String method = get(step, "method") == null ? "GET" : get(step, "method");
        String body = get(step, "body");
        HttpRequest.Builder b = HttpRequest.newBuilder(shop.url().resolve(substitute(get(step, "path"), vars, where)))
                .timeout(Duration.ofSeconds(5))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(substitute(body, vars, where)));
        Map<String, Object> headers = get(step, "headers");
        if (headers != null) {
            headers.forEach((name, value) -> b.header(name, substitute(value.toString(), vars, where)));
        }
        // The generator tags every request of a journey with the run.
        return b.header("X-Headroom-Run", RUN).build();
    }

    private static String substitute(String text, Map<String, String> vars, String where) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            assertThat(value)
                    .as(where + " uses ${" + m.group(1) + "}, which no feeder or earlier step gives")
                    .isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String extract(HttpResponse<String> r, Map<String, Object> how, String where) {
        assertThat(how).as(where).hasSize(1);
        if (how.containsKey("json")) {
            JsonNode node;
            try {
                node = JSON.readTree(r.body()).at((String) how.get("json"));
            } catch (java.io.IOException e) {
                throw new AssertionError(where + ": the body is not JSON: " + r.body(), e);
            }
            assertThat(node.isMissingNode())
                    .as(where + ": " + how + " in " + r.body())
                    .isFalse();
            return node.isValueNode() ? node.asText() : node.toString();
        }
        if (how.containsKey("header")) {
            return r.headers().firstValue((String) how.get("header")).orElseThrow(() -> new AssertionError(where));
        }
        if (how.containsKey("regex")) {
            Matcher m = Pattern.compile((String) how.get("regex")).matcher(r.body());
            assertThat(m.groupCount()).as(where + ": one group").isEqualTo(1);
            assertThat(m.find()).as(where + ": " + how).isTrue();
            return m.group(1);
        }
        assertThat(how.get("status")).as(where).isEqualTo(Boolean.TRUE);
        return Integer.toString(r.statusCode());
    }
}
