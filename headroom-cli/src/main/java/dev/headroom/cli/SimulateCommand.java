package dev.headroom.cli;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code headroom simulate}: runs a spec request by request and reports what it amounts to. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulate the architecture of FILE under its traffic profile, request by request.",
            "Prints a summary and writes a run directory (run.json, timeline.jsonl, spec.yaml)."
        },
        footer = {"", "Example: headroom simulate examples/shop.yaml --set architecture.pool.instances=8"})
final class SimulateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecInput input;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed (default: the spec's seed, else " + Spec.DEFAULT_SEED + ").")
    Long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Simulate only the first D of the profile, e.g. 90s or 10m (default: all of it).")
    String duration;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Run directory (default: runs/<name>-<spec digest>-s<seed>).")
    Path out;

    @Option(names = "--json", description = "Print the run (metadata and summary) as JSON instead of the text summary.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Spec spec = input.load();
        long runSeed = seed != null ? seed : spec.seed().orElse(Spec.DEFAULT_SEED);
        String seedSource = seed != null ? "--seed" : spec.seed().isPresent() ? "spec" : "default";
        Profile profile = spec.workload().profile();
        OptionalDouble window = durationOption(profile);
        String digest = input.digest();
        String id = digest.substring(0, 8) + "-s" + runSeed;
        Path dir = out != null ? out : Path.of("runs", safeName(spec.name()) + "-" + id);

        SimResult result;
        try (RunDirectory run = RunDirectory.create(dir)) {
            run.copySpec(input.file);
            SimOptions options = new SimOptions(runSeed, window, run::appendTimeline, run::appendEvent);
            result = Simulation.run(spec, options);
            RunMetadata meta = new RunMetadata(
                    RunMetadata.FORMAT,
                    "simulation",
                    id,
                    spec.name(),
                    Version.get(),
                    runSeed,
                    input.file.toString(),
                    digest,
                    input.overrides,
                    spec.workload().arrivals().name().toLowerCase(Locale.ROOT),
                    window.orElse(profile.durationSeconds()),
                    profile.peakRate());
            Run record = new Run(meta, result.summary());
            run.writeRun(record);
            PrintWriter stdout = command.commandLine().getOut();
            if (json) {
                stdout.println(RunJson.pretty(record));
                command.commandLine().getErr().println("run directory: " + dir);
            } else {
                new SummaryPrinter(stdout, Terminal.width())
                        .print(record, seedSource, profile, result.events(), spec.goals());
                stdout.println();
                stdout.println("run directory: " + dir + "  (run.json, timeline.jsonl, events.jsonl, spec.yaml)");
            }
        }
        ReportCommand.afterRun(
                dir,
                json ? command.commandLine().getErr() : command.commandLine().getOut(),
                command.commandLine().getErr());
        boolean met =
                spec.goals().judge(result.summary()).stream().allMatch(dev.headroom.model.goal.Goals.Verdict::met);
        return met ? Main.OK : Main.FAILED;
    }

    private OptionalDouble durationOption(Profile profile) {
        if (duration == null) {
            return OptionalDouble.empty();
        }
        double seconds;
        try {
            seconds = Quantities.durationNanos(duration) / 1e9;
        } catch (QuantityException e) {
            throw new BadInputException("--duration '" + duration + "': " + e.rule() + "\n    fix: " + e.fix());
        }
        if (seconds <= 0) {
            throw new BadInputException(
                    "--duration '" + duration + "': must be longer than zero\n    fix: give a duration such as 90s");
        }
        if (seconds > profile.durationSeconds() + 1e-9) {
            throw new BadInputException("--duration '" + duration + "': the profile lasts only "
                    + Quantities.formatDuration((long) (profile.durationSeconds() * 1e9))
                    + ", and --duration can only shorten it\n    fix: lengthen the profile's phases, e.g. --set"
                    + " workload.profile.phases[0].constant.duration=" + duration);
        }
        return OptionalDouble.of(seconds);
    }

    static String safeName(String name) {
        String s =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "run" : s;
    }
}
