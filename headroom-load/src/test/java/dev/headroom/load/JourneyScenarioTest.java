package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.scenario.Journey;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.load.template.Template;
import dev.headroom.model.spec.Problem;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journeys: section as read: steps, extraction, pauses, variables and environment values, and its errors. */
class JourneyScenarioTest {
    static final String SHOP =
            """
            name: shop
            target: http://127.0.0.1:9
            workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
            feeders: { user: { counter: 1 } }
            journeys:
              - name: buy
                weight: 3
                steps:
                  - name: login
                    method: POST
                    path: /login
                    body: 'user=u${user}'
                    extract: { token: { json: /csrf }, code: { status: true } }
                  - think: 2s
                  - name: basket
                    path: /basket?token=${token}
                    headers: { Authorization: 'Bearer ${env.SHOP_TOKEN}', X-Token: '${token}' }
                    extract: { id: { regex: 'id=(\\\\d+)' }, where: { header: Location } }
                  - think: { exponential: 500ms }
                  - { name: checkout, method: POST, path: '/checkout/${id}', body: '${token}' }
              - name: browse
                onFailure: continue
                steps: [ { path: / } ]
            """;

    private static Scenario parse(String yaml, Map<String, String> env) throws SpecException {
        return ScenarioLoader.parse("s.yaml", yaml, ScenarioLoader.CommandLine.NONE, Path.of("."), env::get);
    }

    private static List<Problem> problems(String yaml, Map<String, String> env) {
        try {
            parse(yaml, env);
        } catch (SpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void aJourney_readsStepsExtractionsPausesAndVariables() throws Exception {
        Scenario s = parse(SHOP, Map.of("SHOP_TOKEN", "s3cret"));
        assertThat(s.requests()).isEmpty();
        assertThat(s.journeys()).extracting(Journey::name).containsExactly("buy", "browse");
        Journey buy = s.journeys().get(0);
        assertThat(buy.weight()).isEqualTo(3.0);
        assertThat(buy.onFailure()).isEqualTo(Journey.OnFailure.STOP);
        assertThat(s.journeys().get(1).onFailure()).isEqualTo(Journey.OnFailure.CONTINUE);
        assertThat(buy.variables()).containsExactly("token", "code", "id", "where");
        assertThat(buy.steps()).hasSize(5);
        assertThat(buy.steps().get(1)).isEqualTo(new Journey.Step.Think(2_000_000_000L, false));
        assertThat(buy.steps().get(3)).isEqualTo(new Journey.Step.Think(500_000_000L, true));
        Journey.Step.Request login = buy.requests().get(0);
        assertThat(login.extract())
                .containsEntry("token", new Journey.Extract.Json("/csrf"))
                .containsEntry("code", new Journey.Extract.Status());
        Journey.Step.Request basket = buy.requests().get(1);
        assertThat(basket.request().path().parts()).contains(new Template.Extracted("token", 0));
        assertThat(basket.request().headers().get("Authorization").parts())
                .contains(new Template.Secret("SHOP_TOKEN", "s3cret"));
        assertThat(basket.extract().get("where")).isEqualTo(new Journey.Extract.Header("Location"));
        Journey.Step.Request checkout = buy.requests().get(2);
        assertThat(checkout.request().path().parts()).contains(new Template.Extracted("id", 2));
        assertThat(checkout.request().name()).isEqualTo("checkout");
        assertThat(s.journeys().get(1).requests().get(0).request().name()).isEqualTo("step-1");
    }

    @Test
    void aSecret_isNeverInTheTemplatesTextNorItsString() throws Exception {
        String hostile = "tok-\u2603-$${}\"'<script>";
        Scenario s = parse(SHOP, Map.of("SHOP_TOKEN", hostile));
        Template auth =
                s.journeys().get(0).requests().get(1).request().headers().get("Authorization");
        assertThat(auth.text()).isEqualTo("Bearer ${env.SHOP_TOKEN}");
        assertThat(auth.toString()).doesNotContain(hostile).contains("env.SHOP_TOKEN");
        assertThat(s.toString()).doesNotContain(hostile);
    }

    @Test
    void aVariableUsedBeforeItIsExtracted_isALocatedProblem() {
        String yaml = SHOP.replace("body: 'user=u${user}'", "body: 'user=${id}'");
        List<Problem> ps = problems(yaml, Map.of("SHOP_TOKEN", "x"));
        assertThat(ps).hasSize(1);
        Problem p = ps.get(0);
        assertThat(p.line()).isEqualTo(12);
        assertThat(p.path()).isEqualTo("journeys[0].steps[0].body");
        assertThat(p.value()).isEqualTo("user=${id}");
        assertThat(p.rule()).isEqualTo("the variable 'id' is used before any step extracts it");
        assertThat(p.fix()).contains("earlier step");
    }

    @Test
    void anUnsetEnvironmentVariable_isAProblemAtLoad() {
        List<Problem> ps = problems(SHOP, Map.of());
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(17);
            assertThat(p.rule()).isEqualTo("the environment variable SHOP_TOKEN is not set");
            assertThat(p.fix()).startsWith("export SHOP_TOKEN");
        });
    }

    @Test
    void anEnvironmentValueOutsideAHeader_isRefused() {
        String yaml = SHOP.replace("body: '${token}'", "body: '${env.SHOP_TOKEN}'");
        List<Problem> ps = problems(yaml, Map.of("SHOP_TOKEN", "value-never-shown"));
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("journeys[0].steps[4].body");
            assertThat(p.rule()).contains("only in a header value");
            assertThat(p.format()).doesNotContain("value-never-shown");
        });
    }

    @Test
    void anEnvironmentValueWithALineBreak_isRefusedWithoutShowingIt() {
        List<Problem> ps = problems(SHOP, Map.of("SHOP_TOKEN", "a\r\nX-Evil: 1"));
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.rule()).contains("CR, LF or NUL");
            assertThat(p.format()).doesNotContain("X-Evil");
        });
    }

    @Test
    void aRegexWithoutExactlyOneGroup_andAnExtractWithTwoSources_areProblems() {
        String yaml = SHOP.replace("'id=(\\\\d+)'", "'id=\\\\d+'")
                .replace("code: { status: true }", "code: { status: true, json: /x }");
        List<Problem> ps = problems(yaml, Map.of("SHOP_TOKEN", "x"));
        assertThat(ps)
                .extracting(Problem::rule)
                .containsExactlyInAnyOrder(
                        "give exactly one of json, header, regex or status",
                        "the expression has 0 capturing groups; it needs exactly one (the value)");
        assertThat(ps)
                .extracting(Problem::path)
                .containsExactlyInAnyOrder(
                        "journeys[0].steps[0].extract.code", "journeys[0].steps[2].extract.id.regex");
    }

    @Test
    void aStepWithAWeight_aBadPointerAndAnUnknownKey_areAllReportedTogether() {
        String yaml = SHOP.replace("json: /csrf", "json: csrf")
                .replace("- think: 2s", "- { think: 2s, path: / }")
                .replace("{ name: checkout,", "{ name: checkout, weight: 2,");
        List<Problem> ps = problems(yaml, Map.of("SHOP_TOKEN", "x"));
        assertThat(ps)
                .extracting(Problem::path)
                .containsExactlyInAnyOrder(
                        "journeys[0].steps[0].extract.token.json",
                        "journeys[0].steps[1].path",
                        "journeys[0].steps[4].weight");
    }

    @Test
    void theJourneyExample_loads() throws Exception {
        Scenario s = ScenarioLoader.load(
                Path.of("..", "examples", "load", "shop-journeys.yaml"), ScenarioLoader.CommandLine.NONE);
        assertThat(s.journeys()).extracting(Journey::name).containsExactly("browse", "buy");
        assertThat(s.journeys().get(1).variables()).containsExactly("csrf", "order");
    }

    @Test
    void tooManySteps_isABound() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            steps.append("      - { path: /p").append(i).append(" }\n");
        }
        String yaml =
                """
                target: http://127.0.0.1:9
                workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
                journeys:
                  - name: long
                    steps:
                """
                        + steps;
        assertThat(problems(yaml, Map.of())).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("at most 100 steps in a journey");
            assertThat(p.value()).isEqualTo("101 steps");
        });
    }

    @Test
    void neitherRequestsNorJourneys_isAProblem() {
        assertThat(problems(
                        """
                        target: http://127.0.0.1:9
                        workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
                        """,
                        Map.of()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("requests");
                    assertThat(p.fix()).contains("journeys:");
                });
    }
}
