package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.guard.Metric;
import dev.headroom.load.guard.Rule;
import dev.headroom.load.scenario.HostPolicy;
import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static Scenario parse(String yaml, String... overrides) throws SpecException {
        return ScenarioLoader.parse(
                "s.yaml", yaml, new ScenarioLoader.CommandLine(List.of(overrides), List.of(), List.of()), Path.of("."));
    }

    private static String problems(String yaml) {
        try {
            parse(yaml);
        } catch (SpecException e) {
            return e.format();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void aFullScenario_readsEveryPart() throws Exception {
        Scenario s = parse(
                """
                name: shop
                target: http://localhost:8080/api
                allowedHosts: [staging.shop.internal]
                tag: { header: X-Load-Test }
                workload:
                  profile:
                    scale: 1.5
                    phases:
                      - constant: { rate: 100/s, duration: 1m }
                      - ramp: { from: 100/s, to: 300/s, duration: 2m }
                requests:
                  - { name: home, path: /, weight: 3 }
                  - name: order
                    method: post
                    path: /orders
                    headers: { Content-Type: application/json }
                    body: '{"id": "${id}"}'
                feeders:
                  id: uuid
                client: { connections: 200, requestTimeout: 5s, lagLimit: 20ms }
                guards: [ "p99 > 800ms over 10s", "errors > 5% over 5s", "lag > 100ms over 5s" ]
                thresholds: [ "p99 < 500ms" ]
                """);
        assertThat(s.tagHeader()).isEqualTo("X-Load-Test");
        assertThat(((LoadModel.Open) s.model()).profile().peakRate()).isEqualTo(450.0);
        assertThat(s.model().durationSeconds()).isEqualTo(180.0);
        assertThat(s.requests().get(1).method()).isEqualTo("POST");
        assertThat(s.client().connections()).isEqualTo(200);
        assertThat(s.client().lagLimitNanos()).isEqualTo(20_000_000L);
        assertThat(s.guards()).extracting(Rule::metric).containsExactly(Metric.P99, Metric.ERRORS, Metric.LAG_P99);
        assertThat(s.guards().get(1).value()).isEqualTo(0.05);
        assertThat(s.guards().get(0).windowSeconds()).isEqualTo(10.0);
    }

    @Test
    void everyProblemIsReportedTogether_withLocationValueAndFix() {
        String out = problems(
                """
                target: http://127.0.0.1:8080
                workload:
                  profile: { constant: { rate: 100, duration: 1m } }
                requests:
                  - name: home
                    pth: /
                  - name: item
                    path: /items/${itme.id}/${stock.n}
                feeders:
                  item: uuid
                  stock: { csv: missing.csv }
                clinet: { connections: 10 }
                guards: [ "p99 > 800ms", "p98 > 1s over 5s" ]
                """);
        assertThat(out).contains("s.yaml:3:32: workload.profile.constant.rate = '100': a rate needs a unit");
        assertThat(out).contains("s.yaml:6:5: requests[0].pth = 'pth': unknown key");
        assertThat(out).contains("did you mean 'path'?");
        assertThat(out).contains("s.yaml:12:1: clinet = 'clinet': unknown key").contains("did you mean 'client'?");
        assertThat(out).contains("guards[0] = 'p99 > 800ms': a guard needs a window");
        assertThat(out).contains("unknown metric 'p98'").contains("valid: errors, lag.max");
        assertThat(out).contains("no feeder is named 'itme'").contains("did you mean 'item'?");
        assertThat(out).doesNotContain("no feeder is named 'stock'");
        assertThat(out).contains("cannot read the file");
        assertThat(out).contains("problems in the spec.");
    }

    @Test
    void templatesNameOnlyKnownFeedersAndColumns() {
        String out = problems(
                """
                target: http://127.0.0.1:8080
                workload:
                  profile: { constant: { rate: 10/s, duration: 1m } }
                feeders:
                  user: { random: { min: 1, max: 10 } }
                  n: counter
                requests:
                  - path: /u/${usr}
                  - path: /n/${n.value}
                """);
        assertThat(out).contains("no feeder is named 'usr'").contains("did you mean 'user'?");
        assertThat(out).contains("the feeder 'n' gives a single value, not columns");
    }

    @Test
    void overridesApplyBeforeValidation() throws Exception {
        String yaml =
                """
                target: http://127.0.0.1:8080
                workload:
                  profile: { constant: { rate: 10/s, duration: 1m } }
                requests: [ { path: / } ]
                client: { connections: 10 }
                """;
        assertThat(parse(yaml, "client.connections=99").client().connections()).isEqualTo(99);
        assertThat(parse(yaml, "workload.profile.scale=2").model().durationSeconds())
                .isEqualTo(60.0);
        assertThatThrownBy(() -> parse(yaml, "client.connections=0"))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format()).contains("--set client.connections=0"));
    }

    @Test
    void closedModel_needsUsersAndDuration_andRefusesAProfile() {
        String out = problems(
                """
                target: http://127.0.0.1:8080
                workload:
                  model: closed
                  profile: { constant: { rate: 10/s, duration: 1m } }
                requests: [ { path: / } ]
                """);
        assertThat(out).contains("workload.users: is required");
        assertThat(out).contains("a closed model has no profile");
    }

    @Test
    void hostPolicy_loopbackAsWritten_neverLookedUp() {
        assertThat(HostPolicy.isLoopback("127.0.0.1")).isTrue();
        assertThat(HostPolicy.isLoopback("127.5.6.7")).isTrue();
        assertThat(HostPolicy.isLoopback("[::1]")).isTrue();
        assertThat(HostPolicy.isLoopback("LOCALHOST")).isTrue();
        assertThat(HostPolicy.isLoopback("localhost.example.com")).isFalse();
        assertThat(HostPolicy.isLoopback("10.0.0.1")).isFalse();
        assertThat(HostPolicy.isLoopback("0.0.0.0")).isFalse();
        assertThat(HostPolicy.isAllowed("api.staging.shop", List.of("*.staging.shop")))
                .isTrue();
        assertThat(HostPolicy.isAllowed("staging.shop.evil", List.of("*.staging.shop")))
                .isFalse();
    }

    @Test
    void theBundledExample_isAValidScenario() throws Exception {
        Scenario s = ScenarioLoader.load(
                Path.of("..", "examples", "load", "shop-local.yaml"), ScenarioLoader.CommandLine.NONE);
        assertThat(s.requests()).hasSize(2);
        assertThat(s.feeders()).containsOnlyKeys("product", "order");
        assertThat(s.model().durationSeconds()).isEqualTo(150.0);
    }
}
