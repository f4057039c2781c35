package dev.headroom.cli;

import dev.headroom.analysis.RunData;
import dev.headroom.analysis.RunReadException;
import dev.headroom.analysis.RunReader;
import dev.headroom.analysis.usl.StepSplitter;
import dev.headroom.analysis.usl.UslAnalysis;
import dev.headroom.analysis.usl.UslFit;
import dev.headroom.analysis.usl.UslFitter;
import dev.headroom.analysis.usl.UslPoint;
import dev.headroom.analysis.usl.UslReport;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.spec.FileErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code headroom fit}: the Universal Scalability Law fitted to a step or ramp run. */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = {
            "Fit the Universal Scalability Law to a step or ramp run: contention sigma, coherency kappa, lambda, and the concurrency and throughput of the peak. Concurrency comes from Little's law per level of load. Writes usl.json into the run directory. PATH may also be a CSV of concurrency,throughput lines (then nothing is written unless --out says where)."
        },
        footer = {"", "Example: headroom fit runs/shop-steps-1a2b3c4d"})
final class FitCommand implements Callable<Integer> {
    static final String USL_FILE = "usl.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "PATH", description = "A run directory, or a CSV of concurrency,throughput.")
    Path path;

    @Option(
            names = "--transient",
            paramLabel = "F",
            description = "Fraction of each step dropped at its start while queues settle (default: "
                    + StepSplitter.DEFAULT_TRANSIENT_FRACTION + ").")
    double transientFraction = StepSplitter.DEFAULT_TRANSIENT_FRACTION;

    @Option(
            names = "--window",
            paramLabel = "N",
            description =
                    "Intervals per level of load on a ramp (default: " + StepSplitter.DEFAULT_WINDOW_INTERVALS + ").")
    int window = StepSplitter.DEFAULT_WINDOW_INTERVALS;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the fit (default: PATH/usl.json).")
    Path out;

    @Option(names = "--json", description = "Print the fit as JSON instead of the table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (transientFraction < 0 || transientFraction >= 1) {
            throw new BadInputException("--transient " + transientFraction
                    + ": must be at least 0 and below 1\n    fix: give a fraction such as 0.2");
        }
        if (window < 2) {
            throw new BadInputException("--window " + window + ": must be at least 2\n    fix: give 10");
        }
        UslReport report = Files.isRegularFile(path) ? fromCsv() : fromRun();
        Path target = out != null ? out : Files.isDirectory(path) ? path.resolve(USL_FILE) : null;
        if (target != null) {
            Files.writeString(target, RunJson.pretty(report) + "\n", StandardCharsets.UTF_8);
        }
        PrintWriter stdout = command.commandLine().getOut();
        if (json) {
            stdout.println(RunJson.pretty(report));
        } else {
            print(report, stdout);
            if (target != null) {
                stdout.println();
                stdout.println("fit written to " + target);
                if (target.equals(path.resolve(USL_FILE))) {
                    // The run's report shows the fit: render it again.
                    ReportCommand.afterRun(path, stdout, command.commandLine().getErr());
                }
            }
        }
        return Main.OK;
    }

    private UslReport fromRun() {
        RunData run = readRun(path);
        if (run.partial()) {
            command.commandLine()
                    .getErr()
                    .println("note: " + path + " is partial (" + run.partialReason() + "): fitting the levels it has");
        }
        StepSplitter splitter = new StepSplitter(StepSplitter.DEFAULT_MIN_STEP_INTERVALS, transientFraction, window);
        try {
            return UslAnalysis.of(run.runId(), run.timeline(), splitter);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(path + ": no USL fit: " + e.getMessage());
        }
    }

    private UslReport fromCsv() {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read the measurements: " + FileErrors.reason(e)
                    + "\n    fix: give a CSV of concurrency,throughput lines or a run directory");
        }
        List<UslPoint> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || Character.isLetter(line.charAt(0))) {
                continue;
            }
            String[] f = line.split("\\s*[,;\\t]\\s*");
            try {
                points.add(new UslPoint(Double.parseDouble(f[0]), Double.parseDouble(f[1])));
            } catch (RuntimeException e) {
                throw new BadInputException(path + ":" + (i + 1) + ":1: '" + line
                        + "' is not concurrency,throughput\n    fix: write two numbers per line, e.g. 8,1200"
                        + " (concurrency above 0)");
            }
        }
        UslFit fit;
        try {
            fit = UslFitter.fit(points);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(path + ": no USL fit: " + e.getMessage());
        }
        return UslAnalysis.ofPoints(path.getFileName().toString(), points, fit);
    }

    static RunData readRun(Path dir) {
        try {
            return RunReader.read(dir);
        } catch (RunReadException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static void print(UslReport r, PrintWriter out) {
        if (r.grouping().equals("points")) {
            out.printf(
                    Locale.US,
                    "USL fit of %s: %d points%n%n",
                    r.runId(),
                    r.points().size());
        } else {
            out.printf(
                    Locale.US,
                    "USL fit of %s: %d levels of load (%s), concurrency by Little's law on the %s%n%n",
                    r.runId(),
                    r.points().size(),
                    r.grouping(),
                    r.responseTime().equals("service") ? "service time" : "latency");
        }
        out.printf(
                Locale.US, "  sigma   %-12s +/- %-10s contention (serial fraction)%n", g(r.sigma()), g(r.sigmaError()));
        out.printf(Locale.US, "  kappa   %-12s +/- %-10s coherency (crosstalk)%n", g(r.kappa()), g(r.kappaError()));
        out.printf(
                Locale.US,
                "  lambda  %-12s +/- %-10s throughput of one unit of concurrency, per second%n",
                g(r.lambda()),
                g(r.lambdaError()));
        out.printf(Locale.US, "  R^2     %.4f%n", r.rSquared());
        if (r.peakConcurrency() != null) {
            out.printf(
                    Locale.US,
                    "  peak    %s/s at concurrency %s (N* = sqrt((1 - sigma) / kappa))%n",
                    g(r.peakThroughputPerSecond()),
                    g(r.peakConcurrency()));
        } else if (r.peakThroughputPerSecond() != null) {
            out.printf(
                    Locale.US,
                    "  peak    none (Amdahl's law); throughput levels off at %s/s (lambda / sigma)%n",
                    g(r.peakThroughputPerSecond()));
        } else {
            out.println("  peak    none: throughput grows in proportion to concurrency");
        }
        out.println();
        out.printf(
                Locale.US,
                "  %11s  %10s  %11s  %11s  %10s  %7s  %9s%n",
                "t (s)",
                "offered/s",
                "concurrency",
                "measured/s",
                "fitted/s",
                "diff",
                "mean ms");
        for (UslReport.Point p : r.points()) {
            double diff = p.throughputPerSecond() > 0 ? p.fittedPerSecond() / p.throughputPerSecond() - 1 : 0;
            out.printf(
                    Locale.US,
                    "  %11s  %10s  %11.2f  %11.1f  %10.1f  %+6.1f%%  %9.2f%n",
                    p.endSeconds() > p.startSeconds()
                            ? String.format(Locale.US, "%.0f-%.0f", p.startSeconds(), p.endSeconds())
                            : "-",
                    p.offeredPerSecond() > 0 ? String.format(Locale.US, "%.1f", p.offeredPerSecond()) : "-",
                    p.concurrency(),
                    p.throughputPerSecond(),
                    p.fittedPerSecond(),
                    100 * diff,
                    p.meanResponseMillis());
        }
        for (String w : r.warnings()) {
            out.println();
            out.println("warning: " + w);
        }
    }

    private static String g(double v) {
        return String.format(Locale.US, "%.6g", v);
    }
}
