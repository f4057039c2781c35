package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A default the spec never chose must not set the bound without a word. */
class DefaultsThatBindTest {
    /** 9,000 lookups/s at the cache's default of 4 cores x 500 us: its 8,000/s sets the bound. */
    private static final String SPEC =
            """
            name: cache-bound
            workload:
              profile: { constant: { rate: 9000/s, duration: 5s } }
              classes: [ { name: read, cpu: 100us, db: { queries: 1, cpu: 100us } } ]
            architecture:
              lb: { routing: round-robin }
              pool: { instances: 8, cores: 8 }
              cache: { hitRatio: 0.99CACHE }
              db: { cores: 16, connections: 1000 }
            goals: { p99: 50ms }
            """;

    @TempDir
    Path dir;

    private CliRun simulate(String cache) throws Exception {
        Path p = dir.resolve("s.yaml");
        Files.writeString(p, SPEC.replace("CACHE", cache));
        return CliRun.of(
                "simulate",
                p.toString(),
                "--headroom",
                "off",
                "--out",
                dir.resolve("run").toString());
    }

    @Test
    void aBottleneckSizedByDefaults_namesThemTheirValuesAndTheFix() throws Exception {
        CliRun run = simulate("");

        assertThat(run.out()).contains("BOTTLENECK cache:");
        String note = run.out().replaceAll("\\s+", " ");
        assertThat(note)
                .contains("NOTE cache: cache sets the bound, and the spec left its size to defaults:")
                .contains("architecture.cache.cores = 4")
                .contains("architecture.cache.latency = 500us")
                .contains("--set architecture.cache.cores=");
        JsonNode findings = new ObjectMapper().readTree(Files.readString(dir.resolve("run/findings.json")));
        JsonNode first = findings.path("findings").get(0);
        assertThat(first.path("kind").asText()).isEqualTo("default-binds");
        assertThat(first.path("evidence").get(0).path("component").asText()).isEqualTo("architecture.cache.cores");
        assertThat(first.path("evidence").get(0).path("value").asDouble()).isEqualTo(4.0);
    }

    @Test
    void settingsTheSpecGave_areNotCalledDefaults() throws Exception {
        // Enough cores for the load: the cache no longer sets the bound, and nothing is blamed on a default.
        CliRun run = simulate(", cores: 16, latency: 200us");

        assertThat(run.out()).doesNotContain("left its size to");
        assertThat(Files.readString(dir.resolve("run/findings.json"))).doesNotContain("default-binds");
    }
}
