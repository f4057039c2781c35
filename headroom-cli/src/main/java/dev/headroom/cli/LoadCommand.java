package dev.headroom.cli;

import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.FindingsJson;
import dev.headroom.analysis.RunReadException;
import dev.headroom.analysis.RunReader;
import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.LoadDefaults;
import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code headroom load}: drives a real HTTP system with a scenario's profile and measures it honestly. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Send the traffic of SCENARIO to a real HTTP system (open model: requests leave at their due times,"
                    + " latency counts from the due time) and measure it.",
            "Load goes only to loopback and to hosts listed in allowedHosts or --allow-host. Every request carries"
                    + " the run's tag header. Writes a run directory as it goes (run.json, timeline.jsonl,"
                    + " latency.hlog, service.hlog, lag.hlog, wait.hlog, spec.yaml).",
            "Exit code: 0 every guard and threshold held; 1 one failed; 2 bad input; 3 measurement invalid (the"
                    + " generator's own lag broke client.lagLimit: its figures are not the target's); 130 interrupted."
        },
        footer = {
            "",
            "Defaults:",
            "  @|bold ${headroom.load.defaults}|@",
            "",
            "Example: headroom load shop-load.yaml --target http://127.0.0.1:8080 --set workload.profile.scale=1.5"
        })
final class LoadCommand implements Callable<Integer> {
    static {
        // The footer is a format string: a default's own percent sign (errors < 10%) is escaped.
        System.setProperty(
                "headroom.load.defaults",
                String.join(
                        "%n  ",
                        LoadDefaults.describe().stream()
                                .map(l -> l.replace("%", "%%"))
                                .toList()));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The load scenario (YAML).")
    Path file;

    @Option(
            names = "--set",
            paramLabel = "path=value",
            description = "Override any scenario value by its path, e.g. workload.profile.scale=1.5 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--target",
            paramLabel = "URL",
            description = "Base URL to load instead of the scenario's targets (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(
            names = "--allow-host",
            paramLabel = "HOST",
            description = "Allow load to HOST besides loopback and the scenario's allowedHosts (repeatable).")
    List<String> allowHosts = new ArrayList<>();

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the arrival times, the mix and the feeders (default: the scenario's, else "
                    + Spec.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<run id>).")
    Path out;

    @Option(
            names = "--json",
            description = "Print the verdict, the goals as judged, the headroom, the bottleneck and the run"
                    + " (metadata, summary, measurement) as JSON.")
    boolean json;

    @Mixin
    CiOutput ci;

    @Override
    public Integer call() throws IOException {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(file, new ScenarioLoader.CommandLine(overrides, targets, allowHosts));
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        }
        long runSeed = seed != null ? seed : scenario.seed().orElse(Spec.DEFAULT_SEED);
        String seedSource = seed != null ? "--seed" : scenario.seed().isPresent() ? "scenario" : "default";
        String runId = runId(scenario.name());
        Path dir = out != null ? out : Path.of("runs", runId);
        Profile profile = scenario.model() instanceof LoadModel.Open open ? open.profile() : null;
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "measurement",
                runId,
                scenario.name(),
                Version.get(),
                runSeed,
                file.toString(),
                digest(),
                recordedOverrides(),
                arrivals(scenario.model()),
                scenario.model().durationSeconds(),
                profile == null ? 0 : profile.peakRate());
        PrintWriter err = command.commandLine().getErr();
        boolean terminal = System.console() != null && System.getenv("TERM") != null;
        LoadEngine engine;
        try {
            engine = LoadEngine.prepare(
                    scenario,
                    new LoadEngine.Settings(
                            runId, runSeed, dir, file, meta, terminal ? line -> progress(err, line) : null));
        } catch (LoadEngine.TargetException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        Optional<CleanupStep> cleanup = CleanupStep.before(scenario, runId, file);
        cleanup.ifPresent(c -> engine.cleanupBaseline(c.baseline()));
        err.println("headroom load  run " + runId + "  -> " + String.join(", ", targetsOf(scenario)));
        err.println("  every request carries " + scenario.tagHeader() + ": " + runId);
        err.flush();
        java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
        long cleanupSeconds = scenario.cleanup()
                .map(c -> 2 * c.timeoutNanos() / 1_000_000_000L)
                .orElse(0L);
        Thread hook = new Thread(() -> onInterrupt(engine, printed, err, cleanupSeconds), "headroom-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        LoadEngine.Result result;
        try {
            result = engine.run();
            if (cleanup.isPresent()) {
                result = new LoadEngine.Result(
                        cleanup.get().finish(result.run(), result.dir()),
                        result.dir(),
                        result.passed() && cleanup.get().run().verified(),
                        result.stopReason(),
                        result.guardStop());
            }
        } catch (IOException | RuntimeException e) {
            // The run failed: its synthetic data is still cleaned up, and the attempt recorded.
            cleanup.ifPresent(c -> cleanUpAfterError(c, dir, err));
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waits for this result to be written.
            }
        }
        if (terminal) {
            TerminalWriter.raw(err, "\r\033[K");
            err.flush();
        }
        int code = exitCode(result.run(), result.passed());
        print(result, seedSource, profile, code);
        // On stderr: the summary's last line on stdout stays the PASS/FAIL verdict.
        ReportCommand.afterRun(result.dir(), err, err);
        if (ci.junit != null) {
            JunitReport.write(
                    ci.junit,
                    result.run(),
                    result.run().measurement().elapsedSeconds(),
                    JunitReport.ofMeasurement(result.run()));
            err.println("junit: " + ci.junit);
        }
        command.commandLine().getOut().flush();
        printed.countDown();
        return code;
    }

    /** An invalid measurement has a code of its own: neither a pass nor a miss can be read from it. */
    static int exitCode(Run run, boolean passed) {
        if (run.measurement().invalid()) {
            return Main.INVALID_MEASUREMENT;
        }
        return passed ? Main.OK : Main.FAILED;
    }

    private static String arrivals(LoadModel model) {
        if (model instanceof LoadModel.Closed c) {
            return String.format(
                    Locale.US,
                    "closed: %d users, %s think time %s",
                    c.users(),
                    c.exponentialThink() ? "exponential" : "constant",
                    dev.headroom.model.units.Quantities.formatDuration(c.thinkTimeNanos()));
        }
        return ((LoadModel.Open) model).arrivals().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> targetsOf(Scenario s) {
        return s.targets().stream().map(Object::toString).toList();
    }

    private static void progress(PrintWriter err, String line) {
        TerminalWriter.raw(err, "\r\033[K");
        err.print(line);
        err.flush();
    }

    /**
     * Ctrl-C (or SIGTERM): stop arrivals, let requests in flight finish within the grace period,
     * write the result and print the summary; the JVM then exits with the signal's code (130).
     */
    private static void onInterrupt(
            LoadEngine engine, java.util.concurrent.CountDownLatch printed, PrintWriter err, long cleanupSeconds) {
        err.println();
        err.println("headroom: interrupted; stopping arrivals, waiting up to "
                + TimeUnit.NANOSECONDS.toSeconds(engine.graceNanos()) + "s for requests in flight");
        err.flush();
        engine.interrupt();
        try {
            engine.awaitFinished(engine.graceNanos() + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
            printed.await(5 + cleanupSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(LoadEngine.Result result, String seedSource, Profile profile, int code) {
        PrintWriter stdout = command.commandLine().getOut();
        Run run = result.run();
        Findings findings = analyse(result.dir());
        if (json) {
            stdout.println(JsonResult.of(run, findings, code));
            command.commandLine().getErr().println("run directory: " + result.dir());
            return;
        }
        new SummaryPrinter(stdout, Terminal.width())
                .withFindings(findings, FindingsPrinter.colourTerminal())
                .print(run, seedSource, profile, List.of(), null);
        Measurement m = run.measurement();
        stdout.println(latencyLine("  service", m.serviceMillis()) + "   (from the send)");
        stdout.println(latencyLine("  lag", m.lagMillis()) + "   (the generator's own, due time to send)");
        if (m.waitMillis() != null) {
            stdout.println(latencyLine("  wait", m.waitMillis()) + "   (for a free connection, due time to send)");
        }
        JourneyPrinter.print(stdout, m.journeys());
        stdout.println();
        stdout.println(String.format(
                Locale.US,
                "run         %s, %.1fs, %s, %d event loops; tag %s: %s",
                m.status(),
                m.elapsedSeconds(),
                m.transport(),
                m.eventLoops(),
                m.tagHeader(),
                m.runTag()));
        if (m.warmup() != null) {
            stdout.println(String.format(
                            Locale.US,
                            "warm-up     %.1fs before the start, %,d requests to its own server on 127.0.0.1 (none to the"
                                    + " target), up to %,.0f/s; lag p99 %.3f ms at its end%s",
                            m.warmup().seconds(),
                            m.warmup().requests(),
                            m.warmup().ratePerSecond(),
                            m.warmup().lagP99Millis(),
                            m.warmup().settled() ? "" : " (it had not settled: its time ran out)")
                    + (m.warmup().errors() > 0
                            ? String.format(
                                    Locale.US,
                                    "; %,d of them failed the scenario's checks or extractions against its"
                                            + " stock answers, as expected (they are not the target's)",
                                    m.warmup().errors())
                            : ""));
        }
        if (result.stopReason() != null) {
            stdout.println("stopped     " + result.stopReason());
        }
        result.guardStop()
                .ifPresent(g -> stdout.println(String.format(
                        Locale.US,
                        "            arrivals stopped %.2fs after the guard's condition held (at %.1fs)",
                        g.reactionSeconds(),
                        g.conditionSinceSeconds())));
        if (m.notSent() > 0) {
            stdout.println(String.format(
                    Locale.US,
                    "            %,d due request%s not sent: the stop cut them off (not counted as errors)",
                    m.notSent(),
                    m.notSent() == 1 ? " was" : "s were"));
        }
        if (m.cleanup() != null) {
            CleanupStep.print(stdout, m.cleanup());
        }
        for (Measurement.Verdict v : m.verdicts()) {
            stdout.println(String.format(
                    Locale.US,
                    "  %-4s %-10s %-28s observed %s%s",
                    v.passed() ? "ok" : "FAIL",
                    v.kind(),
                    v.rule(),
                    v.observed(),
                    v.unit()));
        }
        if (m.waitMillis() != null && m.waitMillis().max() > 0) {
            stdout.println(String.format(
                    Locale.US,
                    "  arrivals waited for a free connection: p99 %.1f ms (max %.1f ms), counted in the target's"
                            + " latency - the target is slow, not the generator",
                    m.waitMillis().p99(),
                    m.waitMillis().max()));
        }
        if (m.invalid()) {
            stdout.println("  MEASUREMENT INVALID: the generator's own lag broke its limit; it could not keep to"
                    + " the due times (its CPU, GC or JIT), so latency from the due time includes its own delay"
                    + " (more event loops, or a less loaded machine, may help)");
        }
        stdout.println();
        stdout.println("run directory: " + result.dir()
                + "  (run.json, timeline.jsonl, findings.json, latency.hlog, service.hlog, lag.hlog, wait.hlog,"
                + " spec.yaml)");
        stdout.println(
                m.status().equals("interrupted")
                        ? "INTERRUPTED (exit 130)"
                        : m.invalid() ? "MEASUREMENT INVALID (exit 3)" : result.passed() ? "PASS" : "FAIL");
    }

    /** Reads the run back, analyses it and writes findings.json beside it; null when it cannot be read. */
    private Findings analyse(Path dir) {
        try {
            Findings f = Analysis.analyse(RunReader.read(dir));
            FindingsJson.write(dir, f);
            return f;
        } catch (RunReadException | IOException e) {
            command.commandLine().getErr().println("headroom: no findings: " + e.getMessage());
            return null;
        }
    }

    private static void cleanUpAfterError(CleanupStep cleanup, Path dir, PrintWriter err) {
        err.println("headroom: the run failed; cleaning up its synthetic data");
        try {
            CleanupStep.record(dir, cleanup.run());
        } catch (IOException | RuntimeException e) {
            err.println("headroom: could not record the cleanup in run.json (" + e.getMessage() + ")");
        }
        CleanupStep.print(err, cleanup.run());
        err.flush();
    }

    private static String latencyLine(String name, LatencySummary l) {
        return String.format(
                Locale.US,
                "%-12s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f",
                name,
                l.p50(),
                l.p90(),
                l.p99(),
                l.p999(),
                l.max(),
                l.mean());
    }

    /** A run id unique to this run: the scenario's name, the UTC start time and a random suffix. */
    static String runId(String name) {
        String time = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return SimulateCommand.safeName(name) + "-" + time + "-"
                + HexFormat.of().formatHex(suffix);
    }

    /** The --set overrides, then each --target as given: what changed the scenario, in RunMetadata. */
    private List<String> recordedOverrides() {
        List<String> out = new ArrayList<>(overrides);
        targets.forEach(t -> out.add("--target " + t));
        return out;
    }

    private String digest() {
        List<String> arguments = new ArrayList<>();
        overrides.forEach(o -> arguments.add("--set " + o));
        targets.forEach(t -> arguments.add("--target " + t));
        return SpecInput.digestOf(file, arguments);
    }
}
