package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpofCommandTest {
    private static final String SPEC =
            """
            name: single-db
            goals: { errors: 1% }
            workload:
              profile: { steps: { rates: [50/s, 100/s], each: 30s } }
              classes: [ { name: a, cpu: 2ms, db: { queries: 1, cpu: 1ms } } ]
            architecture:
              client: { retries: 2, backoff: 50ms }
              lb: { count: 2, healthCheck: { interval: 2s, healthy: 2, unhealthy: 3 } }
              pool: { instances: 3, cores: 2 }
              db: { cores: 4 }
            """;

    @TempDir
    Path dir;

    @Test
    void spof_namesTheSingleDatabase_andExitsOne() throws Exception {
        Path p = dir.resolve("single-db.yaml");
        Files.writeString(p, SPEC);

        CliRun run = CliRun.of("spof", p.toString(), "--threads", "2");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILED);
        assertThat(run.out()).contains("each component lost at 30s (the peak, 100/s)");
        assertThat(run.out()).containsPattern("(?m)^db\\s+BROKEN");
        assertThat(run.out()).containsPattern("(?m)^lb-1\\s+met");
        assertThat(run.out()).contains("single points of failure: db");
    }

    @Test
    void spof_ofABadSpec_exitsTwo() throws Exception {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, SPEC.replace("cores: 4 }", "cores: 4 }\nfailures: [ { at: 5m, kill: db } ]"));

        CliRun run = CliRun.of("spof", p.toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("failures[0].at").contains("outside the run");
    }
}
