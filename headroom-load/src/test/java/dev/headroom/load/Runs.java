package dev.headroom.load;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.RunMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a scenario text for a test, as the command would, with a fixed run id and seed. The
 * generator's warm-up is off unless the text sets {@code warmup} itself: it costs seconds a run,
 * and {@link WarmupTest} is where it is tested.
 */
final class Runs {
    static final String RUN_ID = "test-run-1";

    private Runs() {}

    static Scenario scenario(String yaml) throws Exception {
        ScenarioLoader.CommandLine cli = yaml.contains("warmup")
                ? ScenarioLoader.CommandLine.NONE
                : new ScenarioLoader.CommandLine(List.of("client.warmup=false"), List.of(), List.of());
        return ScenarioLoader.parse("test.yaml", yaml, cli, Path.of("."));
    }

    static LoadEngine.Result run(String yaml, Path dir) throws Exception {
        return engine(scenario(yaml), dir).run();
    }

    static LoadEngine engine(Scenario s, Path dir) throws Exception {
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "measurement",
                RUN_ID,
                s.name(),
                "test",
                42,
                "test.yaml",
                "0".repeat(64),
                List.of(),
                "poisson",
                s.model().durationSeconds(),
                0);
        return LoadEngine.prepare(s, new LoadEngine.Settings(RUN_ID, 42, dir, null, meta, null));
    }
}
