package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing a scenario or a feeder row holds may write headers or requests of its own (request smuggling). */
class HeadInjectionTest {
    @TempDir
    Path dir;

    private static String problems(String requestLines) {
        String yaml =
                """
                name: inject
                target: http://127.0.0.1:1
                workload:
                  profile: { constant: { rate: 10/s, duration: 1s } }
                requests:
                %s
                """
                        .formatted(requestLines);
        try {
            ScenarioLoader.parse("s.yaml", yaml, ScenarioLoader.CommandLine.NONE, Path.of("."));
        } catch (SpecException e) {
            return e.format();
        }
        throw new AssertionError("expected the scenario to be refused");
    }

    @Test
    void aHeaderValueWithCrLf_isRefusedWhereItIsWritten() {
        String msg = problems(
                """
                  - path: /
                    headers:
                      X-Note: "a\\r\\nX-Admin: true"
                """);
        assertThat(msg).contains("s.yaml:8:15").contains("a\\r\\nX-Admin: true").contains("cannot hold CR, LF");
    }

    @Test
    void aHeaderNameWithCrLf_isRefusedWhereItIsWritten() {
        String msg = problems(
                """
                  - path: /
                    headers:
                      "X-A\\r\\nX-Admin": "true"
                """);
        assertThat(msg).contains("s.yaml:8:7").contains("X-A\\r\\nX-Admin").contains("not a header name");
    }

    @Test
    void aPathWithASpaceOrALineBreak_isRefused_itWouldRewriteTheRequestLine() {
        String msg = problems(
                """
                  - path: "/a HTTP/1.1\\r\\nHost: other\\r\\n\\r\\nGET /b"
                  - { name: two, path: "/x y" }
                """);
        assertThat(msg)
                .contains("s.yaml:6:11")
                .contains("s.yaml:7:24")
                .contains("/x y")
                .contains("rewrite the request line")
                .contains("2 problems");
    }

    @Test
    void aTagHeaderWithALineBreak_isRefused() {
        String yaml =
                """
                target: http://127.0.0.1:1
                tag: { header: "X-Run\\r\\nX-Admin" }
                workload:
                  profile: { constant: { rate: 10/s, duration: 1s } }
                requests: [ { path: / } ]
                """;
        assertThatThrownBy(() -> ScenarioLoader.parse("s.yaml", yaml, ScenarioLoader.CommandLine.NONE, Path.of(".")))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("s.yaml:2:16")
                        .contains("not a header name"));
    }

    /** A feeder row filled in at send time is checked too: the request is never sent, and counted. */
    @Test
    void aFeederValueThatWouldRewriteTheRequestLine_isNotSent_andCountedAsUnsafeValue() throws Exception {
        Files.writeString(dir.resolve("items.csv"), "id,note\n1,fine\nx HTTP/1.1,bad\n2,fine\n");
        try (TestServer server = new TestServer().warmed()) {
            String yaml =
                    """
                    name: feeder-inject
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 30/s, duration: 1s } }
                    feeders: { item: { csv: items.csv } }
                    requests: [ { path: "/items/${item.id}", headers: { X-Note: "${item.note}" } } ]
                    """
                            .formatted(server.url());
            var scenario = ScenarioLoader.parse("s.yaml", yaml, ScenarioLoader.CommandLine.NONE, dir);
            LoadEngine.Result r = Runs.engine(scenario, dir.resolve("run")).run();

            var s = r.run().summary();
            assertThat(s.requests()).isEqualTo(30);
            // Sequential rows: every third request draws the bad row.
            assertThat(s.errors()).containsEntry("unsafe-value", 10L);
            assertThat(server.count()).isEqualTo(20);
            assertThat(server.seen()).allSatisfy(seen -> assertThat(seen.path()).matches("/items/[12]"));
        }
    }
}
