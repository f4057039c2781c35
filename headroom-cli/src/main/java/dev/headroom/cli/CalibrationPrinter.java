package dev.headroom.cli;

import dev.headroom.analysis.calibrate.Calibration;
import dev.headroom.analysis.calibrate.CalibrationCheck;
import dev.headroom.analysis.calibrate.CalibrationReport;
import dev.headroom.analysis.calibrate.Estimate;
import dev.headroom.analysis.calibrate.MetricNames;
import java.io.PrintWriter;
import java.util.Locale;

/** The terminal summary of a calibration: the verdict of the check first, then demands, levels, explanations. */
final class CalibrationPrinter {
    private CalibrationPrinter() {}

    static void print(CalibrationReport report, MetricNames names, PrintWriter out) {
        Calibration c = report.calibration();
        CalibrationCheck k = report.check();
        out.printf(
                Locale.US,
                "%s   below the knee (%.0f-%.0f s): throughput %s, p50 %s, p99 %s%n%n",
                k.withinTargets() ? "MODEL AGREES " : "MODEL DIFFERS",
                k.windowStartSeconds(),
                k.windowSeconds(),
                verdict(k.throughputWithinTarget(), "5%"),
                verdict(k.p50WithinTarget(), "20%"),
                verdict(k.p99WithinTarget(), "20%"));
        out.printf(Locale.US, "  %-12s %12s %12s %9s%n", "", "measured", "model", "diff");
        row(
                out,
                "throughput/s",
                k.measured().throughputPerSecond(),
                k.simulated().throughputPerSecond());
        row(out, "p50 ms", k.measured().p50Millis(), k.simulated().p50Millis());
        row(out, "p99 ms", k.measured().p99Millis(), k.simulated().p99Millis());
        row(out, "mean ms", k.measured().meanMillis(), k.simulated().meanMillis());
        out.println();
        out.printf(
                Locale.US,
                "demands per request (utilisation law, median of %d intervals below the knee; middle half in brackets)%n",
                c.cpuMillis().intervals());
        demand(out, "cpu ms", names.name(MetricNames.CPU_SECONDS), c.cpuMillis());
        demand(out, "db ms", names.name(MetricNames.DB_SECONDS), c.dbMillis());
        demand(out, "queries", names.name(MetricNames.DB_QUERIES), c.queries());
        demand(out, "pool wait ms", names.name(MetricNames.POOL_WAIT_SECONDS), c.poolWaitMillis());
        demand(out, "server ms", names.name(MetricNames.REQUEST_SECONDS), c.serverMillis());
        out.printf(
                Locale.US,
                "  capacity      %d cores, %s workers, %s pool connections%n",
                c.cores(),
                c.workers() == null ? "default" : c.workers(),
                c.poolSize() == null ? "no" : c.poolSize());
        out.println();
        // Journey steps (journey/step) make long class names: the column is as wide as the longest.
        int width = Math.max(
                10, c.classes().stream().mapToInt(d -> d.name().length()).max().orElse(0));
        String row = "  %-" + width + "s %-16s %7d %10.3f %8d %12.3f %9s%n";
        out.printf(
                Locale.US,
                "  %-" + width + "s %-16s %7s %10s %8s %12s %9s%n",
                "class",
                "endpoint",
                "weight",
                "cpu ms",
                "queries",
                "ms/query",
                "p99/mean");
        for (Calibration.ClassDemand d : c.classes()) {
            out.printf(
                    Locale.US,
                    row,
                    d.name(),
                    d.endpoint() == null ? "-" : d.endpoint(),
                    d.weight(),
                    d.cpuMillis(),
                    d.queries(),
                    d.dbMillisPerQuery(),
                    d.p99OverMean() == null ? "exp" : String.format(Locale.US, "%.2f", d.p99OverMean()));
        }
        out.println();
        out.printf(
                Locale.US,
                "  %11s %10s %12s %12s %12s %12s%n",
                "t (s)",
                "offered/s",
                "measured/s",
                "model/s",
                "measured ms",
                "model ms");
        for (CalibrationCheck.Level l : k.levels()) {
            out.printf(
                    Locale.US,
                    "  %11s %10.1f %12.1f %12.1f %12.2f %12.2f%s%n",
                    String.format(Locale.US, "%.0f-%.0f", l.startSeconds(), l.endSeconds()),
                    l.offeredPerSecond(),
                    l.measuredPerSecond(),
                    l.simulatedPerSecond(),
                    l.measuredMeanMillis(),
                    l.simulatedMeanMillis(),
                    l.belowKnee() ? "" : "   above the knee");
        }
        out.println();
        out.println("differences and what explains them:");
        for (String e : k.explanations()) {
            out.println("  - " + e);
        }
        for (String n : c.notes()) {
            out.println("  - " + n);
        }
    }

    private static String verdict(boolean ok, String target) {
        return (ok ? "within " : "NOT within ") + target;
    }

    private static void row(PrintWriter out, String what, double measured, double model) {
        out.printf(
                Locale.US,
                "  %-12s %12.2f %12.2f %+8.1f%%%n",
                what,
                measured,
                model,
                measured > 0 ? 100 * (model / measured - 1) : 0);
    }

    private static void demand(PrintWriter out, String what, String metric, Estimate e) {
        if (e == null) {
            out.printf(Locale.US, "  %-12s  -  (no %s)%n", what, metric);
            return;
        }
        out.printf(Locale.US, "  %-12s %9.3f  [%.3f, %.3f]  from %s%n", what, e.median(), e.lower(), e.upper(), metric);
    }
}
