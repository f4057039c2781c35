package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

/** Spec texts the loader tests start from, and helpers that load them. */
final class Specs {
    private Specs() {}

    /** examples/shop.yaml as of this commit; line numbers in the tests refer to it. */
    static final String SHOP =
            """
            # A three-tier web shop at its lunch rush: a balancer, four web instances and one database with
            # a disk. Run it with: ./headroom simulate examples/shop.yaml
            name: shop
            description: Three-tier shop, lunch rush on a quiet morning.

            workload:
              profile:
                phases:
                  - constant: { rate: 300/s, duration: 1m }
                  - ramp: { from: 300/s, to: 1500/s, duration: 2m }
                  - constant: { rate: 1500/s, duration: 2m }
              classes:
                - name: browse
                  weight: 80
                  cpu: { lognormal: { mean: 4ms, p99: 25ms } }
                  db: { queries: 2, cpu: { exponential: 0.4ms }, io: 0 }
                - name: checkout
                  weight: 20
                  cpu: { exponential: 8ms }
                  db: { queries: 5, cpu: { exponential: 1ms }, io: 2 }

            architecture:
              client: { timeout: 10s }
              lb: { routing: least-outstanding }
              pool: { instances: 4, cores: 2, workers: 64, acceptQueue: 128 }
              cache: { hitRatio: 0.7, latency: 300us }
              db:
                connections: 50
                cores: 4
                disk: { iops: 3000, latency: 1ms }
            """;

    /** The least a spec must say; everything else is a default. */
    static final String MINIMAL =
            """
            workload:
              profile:
                constant:
                  rate: 100/s
                  duration: 5m
              classes:
                - name: home
                  cpu: 5ms
            architecture:
              pool:
                instances: 1
            """;

    /** Every profile shape, in block style. dinner.csv must sit in the base directory. */
    static final String SHAPES =
            """
            name: shapes
            seed: 42
            workload:
              arrivals: uniform
              profile:
                scale: 1.5x
                phases:
                  - steps:
                      rates: [100/s, 200/s]
                      each: 30s
                  - spike:
                      base: 100/s
                      peak: 1_000/s
                      lead: 10s
                      rise: 20s
                      hold: 30s
                      decay: 40s
                      tail: 50s
                  - daily:
                      base: 50/s
                      start: "10:00"
                      duration: 4h
                      peaks:
                        - name: lunch
                          at: "12:30"
                          rate: 800/s
                          width: 90m
                  - replay:
                      file: dinner.csv
                  - ramp: { from: 10/s, to: 20/s, duration: 10s }
              classes:
                - name: search
                  weight: 2.5
                  cpu: { empirical: [1ms, 2ms, 9ms] }
                  db:
                    cpu: { constant: 2ms }
            architecture:
              lb: { routing: round-robin, backendLimit: 32, queueLimit: unlimited }
              pool: { name: api, instances: 3, cores: 4, workers: unlimited, acceptQueue: 10 }
              cache: { hitRatio: 80%, cores: 2 }
              db: { cores: 8, connections: unlimited }
            """;

    static final String DINNER_CSV = "time,rate\n0,100\n60s,250\n# a comment\n120,50\n";

    static Spec load(String text, String... overrides) throws SpecException {
        return SpecLoader.parse("shop.yaml", text, List.of(overrides), Path.of("."));
    }

    /** The problems the loader reports; fails if it accepts the text. */
    static List<Problem> problems(String text, String... overrides) {
        try {
            Spec spec = load(text, overrides);
            return fail("expected problems, but the spec loaded: %s", spec);
        } catch (SpecException e) {
            assertThat(e.problems()).isNotEmpty();
            return e.problems();
        }
    }

    /** The one problem the loader reports; fails if there are none or several. */
    static Problem problem(String text, String... overrides) {
        List<Problem> problems = problems(text, overrides);
        assertThat(problems).as(problems.toString()).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.fix()).isNotBlank();
        return p;
    }

    /** {@code text} with {@code from} replaced by {@code to}, which must occur exactly once. */
    static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' occurs in the spec", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("'%s' occurs once", from).isNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
