package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Compare;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.calibrate.Calibration;
import dev.headroom.analysis.calibrate.CalibrationCheck;
import dev.headroom.analysis.calibrate.CalibrationException;
import dev.headroom.analysis.calibrate.CalibrationReport;
import dev.headroom.analysis.calibrate.Calibrator;
import dev.headroom.analysis.calibrate.HlogWindow;
import dev.headroom.analysis.calibrate.MetricNames;
import dev.headroom.analysis.calibrate.ModelCheck;
import dev.headroom.analysis.calibrate.SpecWriter;
import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunGoals;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.FileErrors;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code headroom calibrate}: a simulator spec of a measured system, and the model checked against it. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Estimate a measured system's service demands from the metrics scraped during RUN_DIR (utilisation law, median over the seconds below the knee), write a simulator spec of it to --spec, simulate it on the measured profile and compare the two below the knee (targets: throughput within 5%%, p50 and p99 within 20%%). Writes calibration.json into RUN_DIR."
        },
        footer = {"", "Example: headroom calibrate runs/shop-steps-1a2b3c4d --spec shop-calibrated.yaml"})
final class CalibrateCommand implements Callable<Integer> {
    static final String CALIBRATION_FILE = "calibration.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(
            index = "0",
            paramLabel = "RUN_DIR",
            description = "A measured run (headroom load) with scraped metrics.")
    Path runDir;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Where to write the calibrated spec.")
    Path specFile;

    @Option(
            names = "--metric",
            paramLabel = "ROLE=NAME",
            description = "Read a role from another metric name (repeatable). Roles and the demo shop's names: "
                    + "cpu-seconds=process_cpu_seconds_total, cpu-count=process_cpu_count, "
                    + "db-seconds=shop_db_query_seconds_sum, db-queries=shop_db_query_seconds_count, "
                    + "pool-wait-seconds=shop_pool_wait_seconds_sum, pool-size=shop_pool_size, "
                    + "workers=shop_worker_threads, requests=shop_requests_total, "
                    + "request-seconds=shop_request_seconds_sum, request-count=shop_request_seconds_count.")
    List<String> metrics = new ArrayList<>();

    @Option(
            names = "--class",
            paramLabel = "CLASS=ENDPOINT",
            description = "The endpoint label that times a request class when their names differ (repeatable).")
    List<String> classEndpoints = new ArrayList<>();

    @Option(
            names = "--sim-out",
            paramLabel = "DIR",
            description = "Directory of the simulated run (default: RUN_DIR-calibrated).")
    Path simOut;

    @Override
    public Integer call() throws IOException {
        RunData run = FitCommand.readRun(runDir);
        if (run.run() == null) {
            throw new BadInputException(runDir + ": " + run.partialReason()
                    + "\n    fix: calibrate a run that wrote its run.json (a completed or guard-stopped run)");
        }
        Findings measuredFindings = Analysis.analyse(run);
        Double knee =
                measuredFindings.knee() == null ? null : measuredFindings.knee().offeredPerSecond();
        MetricNames names = metricNames();
        Map<String, String> endpoints = pairs(classEndpoints, "--class", "CLASS=ENDPOINT", "checkout=/order");
        Map<String, LatencySummary> classes = run.run().summary().classes() == null
                ? Map.of()
                : run.run().summary().classes();
        Calibration calibration;
        try {
            calibration = Calibrator.calibrate(run.runId(), knee, run.timeline(), classes, names, endpoints);
        } catch (CalibrationException e) {
            throw new BadInputException(runDir + ": cannot calibrate: " + e.getMessage());
        }
        calibration = calibration.withTails(lowestLatencyByClass(calibration, classes.keySet()));
        SpecWriter.RequestsPerArrival perArrival = requestsPerArrival(run.run());
        if (perArrival != null) {
            calibration = calibration.withNote(journeyLag(calibration, perArrival));
        }
        String yaml = SpecWriter.write(calibration, names, source(run))
                + goals(run.run().goals());
        Files.writeString(specFile, yaml, StandardCharsets.UTF_8);
        Spec spec;
        try {
            spec = SpecLoader.load(specFile, List.of());
        } catch (SpecException e) {
            command.commandLine().getErr().println(e.format());
            command.commandLine()
                    .getErr()
                    .println("the calibrated spec does not load: a fault in headroom, please report it");
            return Main.FAILED;
        }
        Path simDir = simOut != null ? simOut : Path.of(runDir.toString() + "-calibrated");
        List<TimelineRecord> simulated = simulate(spec, run.run().metadata().seed(), simDir);
        double window =
                calibration.levels().get(calibration.levels().size() - 1).endSeconds();
        SimResult windowed = Simulation.run(
                spec, SimOptions.seeded(run.run().metadata().seed()).withDuration(window));
        CalibrationCheck check =
                ModelCheck.check(runDir, run.run(), run.timeline(), calibration, window, windowed.summary(), simulated);
        CalibrationReport report = new CalibrationReport(
                CalibrationReport.FORMAT, specFile.toString(), simDir.toString(), calibration, check);
        Files.writeString(runDir.resolve(CALIBRATION_FILE), RunJson.pretty(report) + "\n", StandardCharsets.UTF_8);
        PrintWriter out = command.commandLine().getOut();
        CalibrationPrinter.print(report, names, out);
        out.println();
        if (measuredFindings.knee() != null) {
            out.println(measuredFindings.knee().summary());
            out.println();
        }
        out.println("the whole runs side by side (headroom compare " + runDir + " " + simDir + "):");
        RunData model = FitCommand.readRun(simDir);
        new ComparePrinter(out, Terminal.width())
                .print(Compare.compare(run, measuredFindings, model, Analysis.analyse(model)));
        out.println();
        out.println("spec written to " + specFile + "; simulated run in " + simDir + "; calibration.json in " + runDir);
        // The measured run's report shows the calibration: render it again.
        ReportCommand.afterRun(runDir, out, command.commandLine().getErr());
        return Main.OK;
    }

    private MetricNames metricNames() {
        MetricNames names = MetricNames.shop();
        for (Map.Entry<String, String> e : pairs(metrics, "--metric", "ROLE=NAME", "cpu-seconds=app_cpu_seconds_total")
                .entrySet()) {
            if (!MetricNames.roles().contains(e.getKey())) {
                throw new BadInputException("--metric '" + e.getKey() + "=" + e.getValue() + "': unknown role '"
                        + e.getKey() + "'\n    fix: "
                        + dev.headroom.model.spec.Names.suggest(e.getKey(), MetricNames.roles()));
            }
            names = names.with(e.getKey(), e.getValue());
        }
        return names;
    }

    private static Map<String, String> pairs(List<String> given, String option, String form, String example) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            if (eq <= 0 || eq == g.length() - 1) {
                throw new BadInputException(
                        option + " '" + g + "': must be " + form + "\n    fix: e.g. " + option + " " + example);
            }
            out.put(g.substring(0, eq).strip(), g.substring(eq + 1).strip());
        }
        return out;
    }

    /** The measured run's profile, arrivals and timeout, read from the scenario saved beside it. */
    /** The measured run's goals (its thresholds) as the spec's goals, so both runs are judged alike. */
    private static String goals(RunGoals goals) {
        if (goals == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        goals.latencyMillis()
                .forEach((p, ms) -> parts.add(
                        p + ": " + BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString() + "ms"));
        if (goals.maxErrorRate() != null) {
            parts.add("errors: "
                    + BigDecimal.valueOf(goals.maxErrorRate() * 100)
                            .stripTrailingZeros()
                            .toPlainString() + "%");
        }
        return parts.isEmpty()
                ? ""
                : "\n# The measured run's goals (its thresholds), to judge the model alike.\ngoals: { "
                        + String.join(", ", parts) + " }\n";
    }

    /**
     * The run's {@code --set} overrides on the saved scenario, so the model gets the profile the run
     * really had (say, shorter steps). Paths are dotted keys with {@code [n]} list indices.
     */
    private static void applyOverrides(JsonNode root, List<String> overrides) {
        if (!(root instanceof com.fasterxml.jackson.databind.node.ObjectNode)) {
            return;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0 || o.startsWith("--")) {
                continue; // a --target URL: the scenario's profile does not depend on it
            }
            String[] keys = o.substring(0, eq).replaceAll("\\[(\\d+)]", ".$1").split("\\.");
            JsonNode value;
            try {
                value = yaml.readTree(o.substring(eq + 1));
            } catch (IOException e) {
                value = com.fasterxml.jackson.databind.node.TextNode.valueOf(o.substring(eq + 1));
            }
            if (value == null || value.isMissingNode()) {
                value = com.fasterxml.jackson.databind.node.TextNode.valueOf(o.substring(eq + 1));
            }
            JsonNode node = root;
            for (int i = 0; i < keys.length - 1 && node != null; i++) {
                JsonNode next = node.isArray() && keys[i].matches("\\d+")
                        ? node.get(Integer.parseInt(keys[i]))
                        : node.get(keys[i]);
                if (next == null && node instanceof com.fasterxml.jackson.databind.node.ObjectNode obj) {
                    next = obj.putObject(keys[i]);
                }
                node = next;
            }
            String last = keys[keys.length - 1];
            if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode obj) {
                obj.set(last, value);
            } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode arr
                    && last.matches("\\d+")
                    && Integer.parseInt(last) < arr.size()) {
                arr.set(Integer.parseInt(last), value);
            }
        }
    }

    private SpecWriter.Source source(RunData run) {
        Path scenario = runDir.resolve(RunDirectory.SPEC_FILE);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(scenario.toFile());
        } catch (IOException e) {
            throw new BadInputException(scenario + ": cannot read the run's scenario: " + FileErrors.reason(e)
                    + "\n    fix: calibrate a run directory written by 'headroom load', which saves it");
        }
        applyOverrides(root, run.run().metadata().overrides());
        JsonNode workload = root == null ? null : root.path("workload");
        JsonNode profile = workload == null ? null : workload.get("profile");
        if (profile == null || profile.isNull()) {
            throw new BadInputException(scenario + ": the scenario has no workload.profile (a closed-model run?)\n"
                    + "    fix: calibrate an open-model run (workload.profile with steps, a ramp or a constant rate)");
        }
        String arrivals = workload.path("arrivals").asText("poisson");
        JsonNode timeout = root.path("client").path("requestTimeout");
        if (timeout.isMissingNode()) {
            timeout = root.path("architecture").path("client").path("timeout");
        }
        SpecWriter.RequestsPerArrival perArrival = requestsPerArrival(run.run());
        if (perArrival != null && profile instanceof com.fasterxml.jackson.databind.node.ObjectNode obj) {
            double scale = obj.path("scale").asDouble(1.0) * perArrival.ratio();
            obj.put("scale", Math.round(scale * 10_000) / 10_000.0);
        }
        RunMetadata meta = run.run().metadata();
        String profileText;
        try {
            profileText = RunJson.mapper().writeValueAsString(profile);
        } catch (IOException e) {
            throw new BadInputException(scenario + ": cannot copy the profile (" + e.getMessage() + ")");
        }
        return new SpecWriter.Source(
                SimulateCommand.safeName(meta.name() == null ? "run" : meta.name()),
                meta.seed(),
                runDir.toString(),
                arrivals,
                profileText,
                timeout.isMissingNode() ? "30s" : timeout.asText(),
                perArrival);
    }

    /**
     * What the model's journeys leave out: a journey sends its later steps after think times, so
     * after each step up the measured requests trail the journeys' rate times their requests.
     */
    static String journeyLag(Calibration c, SpecWriter.RequestsPerArrival perArrival) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (var level : c.levels()) {
            double expected = level.offeredPerSecond() * perArrival.ratio();
            if (expected > 0) {
                low = Math.min(low, level.throughputPerSecond() / expected);
                high = Math.max(high, level.throughputPerSecond() / expected);
            }
        }
        return String.format(
                Locale.US,
                "journeys: the model's arrivals are the journeys' rate times %.3f requests, all sent at once; a real"
                        + " journey sends its later steps after its think times, so after each step up the"
                        + " measured requests trail that rate: below the knee each level reached %.1f%% to %.1f%%"
                        + " of it (longer steps narrow the gap)",
                perArrival.ratio(),
                100 * low,
                100 * high);
    }

    /**
     * A journey run's requests per arrival, as if every journey the run cut off had finished: each
     * journey started sends each of its steps unless it was abandoned at an earlier one (the
     * funnel), and each single request (a response of a class not named {@code journey/step}) is an
     * arrival of its own. Null for a run without journeys.
     */
    static SpecWriter.RequestsPerArrival requestsPerArrival(Run run) {
        if (run.measurement() == null || run.measurement().journeys().isEmpty()) {
            return null;
        }
        long started = 0;
        long stepsOfStarted = 0;
        for (JourneySummary j : run.measurement().journeys().values()) {
            started += j.started();
            long abandonedBefore = 0;
            for (JourneySummary.Step s : j.steps()) {
                stepsOfStarted += j.started() - abandonedBefore;
                abandonedBefore += s.abandoned();
            }
        }
        java.util.Set<String> journeys = run.measurement().journeys().keySet();
        Map<String, LatencySummary> classes =
                run.summary().classes() == null ? Map.of() : run.summary().classes();
        long single = classes.entrySet().stream()
                .filter(e -> e.getKey().indexOf('/') < 0
                        || !journeys.contains(e.getKey().substring(0, e.getKey().indexOf('/'))))
                .mapToLong(e -> e.getValue().count())
                .sum();
        long arrivals = started + single;
        long requests = stepsOfStarted + single;
        return arrivals > 0 && requests > 0 ? new SpecWriter.RequestsPerArrival(requests, arrivals) : null;
    }

    private List<TimelineRecord> simulate(Spec spec, long seed, Path dir) throws IOException {
        List<TimelineRecord> timeline = new ArrayList<>();
        try (RunDirectory out = RunDirectory.create(dir)) {
            out.copySpec(specFile);
            SimResult result = Simulation.run(
                    spec,
                    new SimOptions(
                            seed,
                            OptionalDouble.empty(),
                            r -> {
                                timeline.add(r);
                                out.appendTimeline(r);
                            },
                            out::appendEvent));
            var profile = spec.workload().profile();
            RunMetadata meta = new RunMetadata(
                    RunMetadata.FORMAT,
                    "simulation",
                    "calibrated-s" + seed,
                    spec.name(),
                    Version.get(),
                    seed,
                    specFile.toString(),
                    digest(specFile),
                    List.of(),
                    spec.workload().arrivals().name().toLowerCase(Locale.ROOT),
                    profile.durationSeconds(),
                    profile.peakRate());
            out.writeRun(new Run(meta, result.summary()).withGoals(spec.goals()));
        }
        return timeline;
    }

    /**
     * Each class's latency at the lowest levels: from the first level up, as many levels as it takes
     * for every class to have enough responses for a p99 (or all the levels below the knee).
     */
    private Map<String, LatencySummary> lowestLatencyByClass(Calibration c, java.util.Set<String> classNames) {
        Map<String, LatencySummary> byClass = Map.of();
        for (int k = 0; k < c.levels().size(); k++) {
            Map<String, LatencySummary> sofar = byClassName(
                    HlogWindow.byTag(
                            runDir,
                            c.levels().get(0).startSeconds(),
                            c.levels().get(k).endSeconds()),
                    classNames);
            byClass = sofar;
            if (!sofar.isEmpty()
                    && classNames.stream().allMatch(n -> byClass(n, sofar) >= Calibration.MIN_TAIL_RESPONSES)) {
                break;
            }
        }
        return byClass;
    }

    /** The latency log's series by class name: a tag is the class name with spaces and commas as _. */
    private static Map<String, LatencySummary> byClassName(
            Map<String, LatencySummary> byTag, java.util.Set<String> classNames) {
        Map<String, LatencySummary> out = new LinkedHashMap<>(byTag);
        for (String name : classNames) {
            LatencySummary l = byTag.get(dev.headroom.load.run.HlogFiles.tag(name));
            if (l != null) {
                out.put(name, l);
            }
        }
        return out;
    }

    private static long byClass(String name, Map<String, LatencySummary> byClass) {
        LatencySummary l = byClass.get(name);
        return l == null ? 0 : l.count();
    }

    private static String digest(Path file) throws IOException {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
