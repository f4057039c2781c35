package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request templates, feeders and checks against a real server. */
class MixTest {
    @TempDir
    Path dir;

    @Test
    void templatesFilledFromFeeders_andFailedChecksCountedAsTheirOwnErrors() throws Exception {
        Files.writeString(dir.resolve("items.csv"), "id,name\n1,apple\n2,pear\n3,plum\n");
        try (TestServer server = new TestServer().warmed().dynamic(path -> "item " + path)) {
            String yaml =
                    """
                    name: mix
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 100/s, duration: 2s } }
                    feeders:
                      item: { csv: items.csv, order: sequential }
                      n: { counter: 1000 }
                      id: uuid
                    requests:
                      - name: item
                        path: /items/${item.id}/${item.name}?n=${n}&u=${id}
                        check: { status: [200], bodyContains: "item /items/" }
                      - name: missing
                        path: /status/404
                      - name: wrong
                        path: /wrong
                        check: { bodyMatches: "^nothing" }
                      - name: teapot
                        path: /status/418
                        check: { status: [200, 201] }
                    """
                            .formatted(server.url());
            LoadEngine.Result r = Runs.engine(
                            ScenarioLoader.parse("mix.yaml", yaml, ScenarioLoader.CommandLine.NONE, dir),
                            dir.resolve("run"))
                    .run();

            List<String> items = server.seen().stream()
                    .map(TestServer.Seen::path)
                    .filter(p -> p.startsWith("/items/"))
                    .toList();
            assertThat(items).isNotEmpty();
            assertThat(items).allMatch(p -> p.matches("/items/(1/apple|2/pear|3/plum)\\?n=1\\d{3}&u=[0-9a-f-]{36}"));
            Set<String> counters =
                    items.stream().map(p -> p.replaceAll(".*n=(\\d+).*", "$1")).collect(Collectors.toSet());
            assertThat(counters).hasSize(items.size());

            Map<String, Long> errors = r.run().summary().errors();
            long missing = r.run().summary().requests() - r.run().summary().completed();
            assertThat(errors.keySet()).containsExactlyInAnyOrder("http-404", "check-body", "check-status");
            assertThat(errors.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(missing);
            assertThat(r.run().summary().classes().get("item").count()).isEqualTo(items.size());
        }
    }

    @Test
    void severalTargets_shareTheArrivalsInTurn() throws Exception {
        try (TestServer a = new TestServer().warmed();
                TestServer b = new TestServer().warmed()) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: two
                    targets: [ "%s", "%s/base" ]
                    workload:
                      profile: { constant: { rate: 200/s, duration: 2s } }
                    requests: [ { path: /x } ]
                    """
                            .formatted(a.url(), b.url()),
                    dir);

            long total = r.run().summary().requests();
            assertThat(a.count() + b.count()).isEqualTo(total);
            assertThat(a.count()).isBetween(total / 2 - 2, total / 2 + 2);
            assertThat(a.seen()).allMatch(s -> s.path().equals("/x"));
            assertThat(b.seen()).allMatch(s -> s.path().equals("/base/x"));
        }
    }
}
