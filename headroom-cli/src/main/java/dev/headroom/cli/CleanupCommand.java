package dev.headroom.cli;

import dev.headroom.load.cleanup.Cleanup;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.CleanupResult;
import dev.headroom.model.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code headroom cleanup}: the cleanup of a run whose process died before it could clean up. */
@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the rows a load run created (marked with its run id) as SCENARIO's cleanup section says, then"
                    + " prove it: no marked row left, every other row still there.",
            "The baseline is the count recorded before the run in the run directory's run.json; without one,"
                    + " the rows are counted just before the cleanup. The result is added to run.json when it exists.",
            "Exit code: 0 cleanup verified; 1 it could not be verified; 2 bad input or the database cannot be reached."
        },
        footer = {"", "Example: headroom cleanup --run shop-20261123-101500-a1b2c3 examples/demo/shop.yaml"})
final class CleanupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The load scenario the run used (YAML).")
    Path file;

    @Option(
            names = "--run",
            required = true,
            paramLabel = "ID",
            converter = RunIdConverter.class,
            description = "The run id (printed by headroom load).")
    String runId;

    @Option(names = "--dir", paramLabel = "DIR", description = "The run directory (default: runs/<run id>).")
    Path dir;

    @Option(
            names = "--set",
            paramLabel = "path=value",
            description = "Override any scenario value by its path, e.g. cleanup.database.url=... (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(file, new ScenarioLoader.CommandLine(overrides, List.of(), List.of()));
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        }
        if (scenario.cleanup().isEmpty()) {
            throw new BadInputException(
                    file + ": the scenario has no cleanup section"
                            + "\n  fix: add cleanup: {database: {url: jdbc:..., tables: [{table: orders, marked: run_id = :run}]}}");
        }
        if (runId.isBlank()) {
            throw new BadInputException("--run: the run id is empty; give the id headroom load printed");
        }
        Path runDir = dir != null ? dir : Path.of("runs", runId);
        Cleanup cleanup = new Cleanup(scenario.cleanup().get(), runId, scenario.tagHeader());
        CleanupStep step;
        try {
            step = CleanupStep.later(cleanup, CleanupStep.recorded(runDir));
        } catch (Cleanup.DatabaseException e) {
            throw new BadInputException(file + ": cleanup: " + e.getMessage()
                    + "\n  fix: start the database or correct cleanup.database (url, user, password)");
        } catch (Cleanup.Refused e) {
            throw new BadInputException(e.getMessage() + "\n    nothing was deleted");
        }
        CleanupResult result = step.run();
        PrintWriter out = command.commandLine().getOut();
        out.println("headroom cleanup  run " + runId);
        CleanupStep.print(out, result);
        if (CleanupStep.record(runDir, result)) {
            out.println("recorded in " + runDir.resolve("run.json"));
        }
        out.println(result.verified() ? "PASS" : "FAIL");
        return result.verified() ? Main.OK : Main.FAILED;
    }
}
