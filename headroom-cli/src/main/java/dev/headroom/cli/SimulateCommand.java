package dev.headroom.cli;

import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Compare;
import dev.headroom.analysis.Finding;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.FindingsJson;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.RunReadException;
import dev.headroom.analysis.RunReader;
import dev.headroom.analysis.Verdict;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
            "Prints the findings (goals, headroom, bottleneck) and a summary, and writes",
            "a run directory: run.json, timeline.jsonl, events.jsonl, findings.json and",
            "spec.yaml."
        },
        footer = {"", "Example: headroom simulate examples/shop.yaml --set architecture.pool.instances=8"})
final class SimulateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecInput input;

    @Mixin
    CiOutput ci;

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

    @Option(
            names = "--max-requests",
            paramLabel = "N",
            description = "Refuse a run expected to simulate more than N requests (default: "
                    + SimSize.DEFAULT_MAX_REQUESTS_TEXT + ", about " + SimSize.DEFAULT_MAX_MINUTES
                    + " minutes of CPU); raise it to run a longer one on purpose.")
    long maxRequests = SimSize.DEFAULT_MAX_REQUESTS;

    @Option(
            names = "--json",
            description = "Print the verdict, the goals as judged, the headroom, the bottleneck and the run"
                    + " (metadata and summary) as JSON instead of the text summary.")
    boolean json;

    @Option(
            names = "--headroom",
            paramLabel = "WHEN",
            description = "Search for the headroom (the largest scale of the profile that meets the goals) by"
                    + " simulating scaled copies of the profile in parallel: auto (default: when the spec has goals"
                    + " and the run had at most " + SimHeadroom.AUTO_MAX_REQUESTS_TEXT + " requests), on or off.")
    String headroom = "auto";

    @Option(
            names = "--compare",
            description = "Also simulate the spec as written (without the --set overrides) and compare the two runs.")
    boolean compare;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        if (!List.of("auto", "on", "off").contains(headroom)) {
            throw new BadInputException(
                    "--headroom '" + headroom + "': must be auto, on or off\n    fix: --headroom on");
        }
        if (compare && input.overrides.isEmpty()) {
            throw new BadInputException("--compare: there is nothing to compare without --set overrides\n"
                    + "    fix: add the change to try, e.g. --set architecture.pool.instances=8 --compare");
        }
        Spec spec = input.load();
        long runSeed = seed != null ? seed : spec.seed().orElse(Spec.DEFAULT_SEED);
        String seedSource = seed != null ? "--seed" : spec.seed().isPresent() ? "spec" : "default";
        Profile profile = spec.workload().profile();
        OptionalDouble window = durationOption(profile);
        SimSize.check(input.file, spec, window, maxRequests);
        String digest = input.digest();
        String id = digest.substring(0, 8) + "-s" + runSeed;
        Path dir = out != null ? out : Path.of("runs", safeName(spec.name()) + "-" + id);

        Simulated run = simulate(spec, runSeed, window, dir, id, digest, input.overrides);
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        Simulated asWritten = null;
        Path baseDir = Path.of(dir + "-as-written");
        if (compare) {
            Spec base = SpecInput.loadAsWritten(input.file);
            SimSize.check(input.file, base, window, maxRequests);
            String baseDigest = SpecInput.digest(input.file, List.of());
            asWritten = simulate(
                    base, runSeed, window, baseDir, baseDigest.substring(0, 8) + "-s" + runSeed, baseDigest, List.of());
        }
        int code = run.findings().verdict().outcome().equals(Verdict.MET)
                        || run.findings().verdict().outcome().equals(Verdict.NO_GOALS)
                ? Main.OK
                : Main.FAILED;
        if (json) {
            // One JSON document on stdout: the comparison when comparing, else the run and its verdict.
            stdout.println(
                    asWritten != null
                            ? RunJson.pretty(
                                    Compare.compare(asWritten.data(), asWritten.findings(), run.data(), run.findings()))
                            : JsonResult.of(run.record(), run.findings(), code));
            stderr.println("run directory: " + dir + (asWritten != null ? ", " + baseDir : ""));
        } else {
            new SummaryPrinter(stdout, Terminal.width())
                    .withFindings(run.findings(), FindingsPrinter.colourTerminal())
                    .print(run.record(), seedSource, profile, run.result().events(), spec.goals());
            stdout.println();
            stdout.println(
                    "run directory: " + dir + "  (run.json, timeline.jsonl, events.jsonl, findings.json, spec.yaml)");
            if (asWritten != null) {
                stdout.println();
                stdout.println("as written: " + baseDir + "   with --set: " + dir);
                new ComparePrinter(stdout, Terminal.width())
                        .print(Compare.compare(asWritten.data(), asWritten.findings(), run.data(), run.findings()));
            }
        }
        PrintWriter reportOut = json ? stderr : stdout;
        ReportCommand.afterRun(dir, run.data(), run.findings(), reportOut);
        if (asWritten != null) {
            ReportCommand.afterRun(baseDir, asWritten.data(), asWritten.findings(), reportOut);
        }
        if (ci.junit != null) {
            JunitReport.write(
                    ci.junit,
                    run.record(),
                    (System.nanoTime() - started) / 1e9,
                    JunitReport.ofSimulation(run.record(), run.findings()));
            reportOut.println("junit: " + ci.junit);
        }
        return code;
    }

    /** A simulation written to its directory and analysed. */
    private record Simulated(Run record, SimResult result, RunData data, Findings findings) {}

    private Simulated simulate(
            Spec spec, long runSeed, OptionalDouble window, Path dir, String id, String digest, List<String> overrides)
            throws IOException {
        Profile profile = spec.workload().profile();
        SimResult result;
        Run record;
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
                    overrides,
                    spec.workload().arrivals().name().toLowerCase(Locale.ROOT),
                    window.orElse(profile.durationSeconds()),
                    profile.peakRate(window.orElse(profile.durationSeconds())));
            record = new Run(meta, result.summary()).withGoals(spec.goals());
            run.writeRun(record);
        }
        RunData data;
        try {
            data = RunReader.read(dir);
        } catch (RunReadException e) {
            throw new IOException("cannot read back the run just written: " + e.getMessage(), e);
        }
        Findings findings = Analysis.analyse(data);
        if (SimHeadroom.wanted(headroom, spec, result.summary())) {
            findings = findings.withHeadroom(SimHeadroom.search(spec, runSeed, window));
        }
        Optional<Finding> binding = DefaultsThatBind.of(spec, findings);
        if (binding.isPresent()) {
            findings = findings.withFinding(binding.get());
        }
        Optional<Finding> skipped = SimHeadroom.skipped(headroom, spec, result.summary());
        if (skipped.isPresent()) {
            findings = findings.withFinding(skipped.get());
        }
        FindingsJson.write(dir, findings);
        return new Simulated(record, result, data, findings);
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
