package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.LoadDefaults;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A body check buffers at most {@code client.bodyLimit} of a response; a longer body is its own kind of error. */
class BodyLimitTest {
    @TempDir
    Path dir;

    @Test
    void aBodyOverTheLimit_isCountedAsBodyTooLarge_andNotBuffered_whileSmallBodiesAreChecked() throws Exception {
        int twentyMegabytes = 20 << 20;
        try (TestServer server =
                new TestServer().warmed().largeBody("/big", twentyMegabytes).largeBody("/small", 100_000)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: bodies
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 20/s, duration: 2s } }
                    requests:
                      - { name: big, path: /big, check: { bodyContains: "xxx" } }
                      - { name: small, path: /small, check: { bodyContains: "xxx" } }
                    client: { connections: 8, requestTimeout: 20s }
                    """
                            .formatted(server.url()),
                    dir);

            var s = r.run().summary();
            long big =
                    server.seen().stream().filter(x -> x.path().equals("/big")).count();
            assertThat(big).isPositive();
            long n = s.requests();
            assertThat(n).isBetween(36L, 40L);
            // Every 20 MB answer is an error of its own kind (the default limit is 4 MiB) ...
            assertThat(s.errors()).containsOnlyKeys("body-too-large");
            assertThat(s.errors().get("body-too-large")).isEqualTo(big);
            // ... while the 100 kB answers were buffered and passed their check.
            assertThat(s.completed()).isEqualTo(n - big).isPositive();
            assertThat(s.classes().get("small").count()).isEqualTo(n - big);
        }
    }

    @Test
    void theLimitIsConfigurable_andABodyJustOverItFails() throws Exception {
        try (TestServer server = new TestServer().warmed().largeBody("/page", 70_000)) {
            String yaml =
                    """
                    name: limit
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 20/s, duration: 1s } }
                    requests: [ { path: /page, check: { bodyContains: "x" } } ]
                    client: { bodyLimit: %s }
                    """;
            LoadEngine.Result tight = Runs.run(yaml.formatted(server.url(), "64KiB"), dir.resolve("a"));
            LoadEngine.Result roomy = Runs.run(yaml.formatted(server.url(), "70000"), dir.resolve("b"));

            long sent = tight.run().summary().requests();
            assertThat(sent).isPositive();
            assertThat(tight.run().summary().errors()).containsOnly(java.util.Map.entry("body-too-large", sent));
            assertThat(roomy.run().summary().errorCount()).isZero();
            assertThat(roomy.run().summary().completed())
                    .isEqualTo(roomy.run().summary().requests())
                    .isPositive();
        }
    }

    @Test
    void aBodyLimitOutsideItsBounds_isRefusedWithItsLocation() {
        String yaml =
                """
                target: http://127.0.0.1:1
                workload:
                  profile: { constant: { rate: 10/s, duration: 1s } }
                requests: [ { path: / } ]
                client: { bodyLimit: 5GiB }
                """;
        assertThatThrownBy(() -> Runs.scenario(yaml))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("test.yaml:5:22")
                        .contains("must be between 1KiB and 1GiB"));
        assertThat(LoadDefaults.describe()).anyMatch(l -> l.startsWith("client.bodyLimit      4MiB"));
    }
}
