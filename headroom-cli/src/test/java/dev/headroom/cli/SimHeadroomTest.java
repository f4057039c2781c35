package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.analysis.Finding;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --headroom auto skips the search on a big run, and says so rather than leave "at least 1.00x" unexplained. */
class SimHeadroomTest {
    @TempDir
    Path dir;

    private Spec spec(String goals) throws Exception {
        Path p = dir.resolve("s.yaml");
        Files.writeString(
                p,
                """
                name: big
                workload:
                  profile: { constant: { rate: 100/s, duration: 10s } }
                  classes: [ { name: read, cpu: 1ms } ]
                architecture:
                  pool: { instances: 1, cores: 1 }
                """
                        + goals);
        return SpecLoader.load(p, List.of());
    }

    private static RunSummary requests(long n) {
        return new RunSummary(10, n, n, n / 10.0, 0, 0, Map.of(), LatencySummary.EMPTY, Map.of(), Map.of(), null);
    }

    @Test
    void aRunOverTheAutoLimit_isNotSearched_andAFindingSaysWhyAndHowToSearchAnyway() throws Exception {
        Spec spec = spec("goals: { p99: 100ms }\n");
        RunSummary big = requests(SimHeadroom.AUTO_MAX_REQUESTS + 1);

        assertThat(SimHeadroom.wanted("auto", spec, big)).isFalse();
        Finding f = SimHeadroom.skipped("auto", spec, big).orElseThrow();
        assertThat(f.kind()).isEqualTo("headroom-search-skipped");
        assertThat(f.what())
                .contains("5,000,001 requests")
                .contains("over --headroom auto's 5,000,000")
                .contains("--headroom on runs the search");
        // On request it runs (and says nothing); at the limit, auto runs it too.
        assertThat(SimHeadroom.wanted("on", spec, big)).isTrue();
        assertThat(SimHeadroom.skipped("on", spec, big)).isEmpty();
        RunSummary atLimit = requests(SimHeadroom.AUTO_MAX_REQUESTS);
        assertThat(SimHeadroom.wanted("auto", spec, atLimit)).isTrue();
        assertThat(SimHeadroom.skipped("auto", spec, atLimit)).isEmpty();
    }

    @Test
    void withoutGoals_orSwitchedOff_nothingIsSkipped() throws Exception {
        RunSummary big = requests(SimHeadroom.AUTO_MAX_REQUESTS * 2);
        assertThat(SimHeadroom.skipped("auto", spec(""), big)).isEqualTo(Optional.empty());
        assertThat(SimHeadroom.skipped("off", spec("goals: { p99: 100ms }\n"), big))
                .isEmpty();
    }
}
