package dev.headroom.cli;

import dev.headroom.analysis.Findings;
import dev.headroom.model.cost.CostSummary;
import dev.headroom.model.cost.LineItem;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.units.Quantities;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal summary of a run: what ran, then its findings when there are any (the verdict first),
 * then the numbers: traffic, latency, errors, components, events, cost.
 */
final class SummaryPrinter {
    private static final int MAX_EVENTS_SHOWN = 8;

    private final PrintWriter out;
    private final int width;
    private Findings findings;
    private boolean colour;

    SummaryPrinter(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    /** Prints these findings (verdict, headroom, bottleneck and its chain) before the numbers. */
    SummaryPrinter withFindings(Findings f, boolean colourOutput) {
        this.findings = f;
        this.colour = colourOutput;
        return this;
    }

    void print(Run run, String seedSource, Profile profile, List<RunEvent> events, Goals goals) {
        RunMetadata m = run.metadata();
        RunSummary s = run.summary();
        out.println(
                String.format(Locale.US, "headroom %s  %s  seed %d (%s)", m.version(), m.kind(), m.seed(), seedSource));
        out.println(String.format(
                Locale.US,
                "spec      %s  (sha256 %s)",
                m.specFile(),
                m.specDigest().substring(0, 12)));
        for (String o : m.overrides()) {
            out.println(o.startsWith("--") ? "  " + o : "  --set " + o);
        }
        if (profile == null) {
            out.println(String.format(
                    Locale.US,
                    "profile   %s measured, %s",
                    Quantities.formatDuration((long) (s.durationSeconds() * 1e9)),
                    m.arrivals()));
        } else {
            out.println(String.format(
                    Locale.US,
                    "profile   %s %s, peak %s, mean %s, %s arrivals",
                    Quantities.formatDuration((long) (s.durationSeconds() * 1e9)),
                    m.kind().equals("simulation") ? "simulated" : "measured",
                    // Over what ran: a run shortened by --duration has the peak and mean of its window.
                    rate(profile.peakRate(s.durationSeconds())),
                    rate(profile.meanRate(s.durationSeconds())),
                    m.arrivals()));
        }
        if (findings != null) {
            out.println();
            new FindingsPrinter(out, width, colour).print(findings);
        } else {
            printVerdict(goals, s);
        }
        out.println();
        double errPct = s.requests() == 0 ? 0 : 100.0 * s.errorCount() / s.requests();
        out.println(String.format(
                Locale.US,
                "requests    %,d arrived   %,d ok   %,d errors (%.2f%%)",
                s.requests(),
                s.completed(),
                s.errorCount(),
                errPct));
        out.println(String.format(
                Locale.US,
                "throughput  %s ok over the %s window",
                rate(s.throughputPerSecond()),
                Quantities.formatDuration((long) (s.durationSeconds() * 1e9))));
        if (!s.errors().isEmpty()) {
            StringBuilder sb = new StringBuilder("errors     ");
            s.errors().forEach((k, v) -> sb.append(String.format(Locale.US, " %s %,d", k, v)));
            out.println(sb);
        }
        out.println();
        printLatency(s);
        if (!s.components().isEmpty()) {
            out.println();
            printComponents(s.components());
        }
        printEvents(events);
        printAvailability(s.availability());
        printCost(s.cost());
    }

    /** Availability of a run with failures or autoscaling (nothing otherwise). */
    private void printAvailability(dev.headroom.model.run.Availability a) {
        if (a == null) {
            return;
        }
        out.println();
        out.printf(
                Locale.US,
                "availability %.3f%%  (target %.3f%%)  %,.0f s below target  error budget used %.0f%%%n",
                a.overall() * 100,
                a.target() * 100,
                a.downtimeSeconds(),
                a.errorBudgetUsed() * 100);
    }

    /** The verdict first: were the spec's goals met over the whole run, and by how much (null: no goals to judge). */
    private void printVerdict(Goals goals, RunSummary s) {
        if (goals == null) {
            // A measured run judges its thresholds and guards itself, after the summary.
            return;
        }
        out.println();
        if (goals.isEmpty()) {
            out.println("goals       none set (add goals: {p99: 500ms, errors: 1%} to the spec for a verdict)");
            return;
        }
        List<Goals.Verdict> verdicts = goals.judge(s);
        boolean met = verdicts.stream().allMatch(Goals.Verdict::met);
        StringBuilder sb = new StringBuilder(met ? "GOALS MET  " : "GOALS MISSED");
        for (Goals.Verdict v : verdicts) {
            sb.append("   ").append(v.goal()).append(' ');
            if (v.goal().equals("errors")) {
                sb.append(String.format(
                        Locale.US, "%.2f%% %s %.2f%%", 100 * v.actual(), v.met() ? "<=" : ">", 100 * v.bound()));
            } else {
                sb.append(String.format(
                        Locale.US, "%s ms %s %s ms", ms(v.actual()), v.met() ? "<=" : ">", ms(v.bound())));
            }
        }
        out.println(fit(sb.toString()));
    }

    private void printEvents(List<RunEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        out.println();
        out.println("events");
        int shown = Math.min(events.size(), MAX_EVENTS_SHOWN);
        for (int i = 0; i < shown; i++) {
            RunEvent e = events.get(i);
            out.println(fit(String.format(Locale.US, "  %9s  %-16s %s", clock(e.t()), e.component(), e.detail())));
        }
        if (events.size() > shown) {
            out.println(String.format(Locale.US, "  ... %,d more in events.jsonl", events.size() - shown));
        }
    }

    /**
     * The bill: what this run cost (the profile as it ran) and the steady architecture per month,
     * apart, then every line item with both figures.
     */
    private void printCost(CostSummary cost) {
        if (cost == null) {
            return;
        }
        out.println();
        if (cost.items().isEmpty()) {
            out.println("cost        not priced: name instance types (pool.type, db.type) to price the architecture");
            return;
        }
        out.println(String.format(
                Locale.US,
                "cost        this run $%.4f%s  steady $%,.2f/month ($%.4f/hour)  $%.4f per million requests",
                cost.eventCost(),
                cost.surplusCreditsCost() > 0
                        ? String.format(Locale.US, " incl. $%.4f surplus credits", cost.surplusCreditsCost())
                        : "",
                cost.steadyPerMonth(),
                cost.steadyPerHour(),
                cost.perMillionRequests()));
        out.println(String.format(Locale.US, "  %-52s %-11s %14s %10s", "item", "service", "steady", "this run"));
        for (LineItem i : cost.items()) {
            out.println(fit(String.format(
                    Locale.US,
                    "  %-52s %-11s %14s %10s",
                    i.item(),
                    i.service().label(),
                    String.format(Locale.US, "$%.4f/hour", i.steadyPerHour()),
                    String.format(Locale.US, "$%.4f", i.eventCost()))));
        }
        if (!cost.unpriced().isEmpty()) {
            out.println("  not priced (no type): " + String.join(", ", cost.unpriced()));
        }
        out.println("  steady: the baseline (a group at its minimum) for 730 hours, without usage; this run: as used");
    }

    /** Simulated time as h:mm:ss.s, the way a person reads a timeline. */
    static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36_000;
        long m = tenths / 600 % 60;
        double s = tenths % 600 / 10.0;
        return String.format(Locale.US, "%d:%02d:%04.1f", h, m, s);
    }

    private String fit(String line) {
        return line.length() <= width ? line : line.substring(0, width - 3) + "...";
    }

    private void printLatency(RunSummary s) {
        int nameWidth = Math.max(
                12, s.classes().keySet().stream().mapToInt(String::length).max().orElse(0) + 2);
        out.println(String.format(
                Locale.US,
                "%-" + nameWidth + "s %9s %9s %9s %9s %9s %9s",
                "latency ms",
                "p50",
                "p90",
                "p99",
                "p99.9",
                "max",
                "mean"));
        latencyRow("all", s.latencyMillis(), nameWidth);
        if (s.classes().size() > 1) {
            s.classes().forEach((name, l) -> latencyRow(name, l, nameWidth));
        }
    }

    private void latencyRow(String name, LatencySummary l, int nameWidth) {
        if (l.count() == 0) {
            out.println(String.format(Locale.US, "  %-" + (nameWidth - 2) + "s %9s", name, "no successful responses"));
            return;
        }
        out.println(String.format(
                Locale.US,
                "  %-" + (nameWidth - 2) + "s %9s %9s %9s %9s %9s %9s",
                name,
                ms(l.p50()),
                ms(l.p90()),
                ms(l.p99()),
                ms(l.p999()),
                ms(l.max()),
                ms(l.mean())));
    }

    private void printComponents(Map<String, ComponentSummary> components) {
        int nameWidth = Math.max(
                16, components.keySet().stream().mapToInt(String::length).max().orElse(0) + 4);
        String busiest = components.entrySet().stream()
                .filter(e -> e.getValue().utilization() >= 0)
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(ComponentSummary::utilization)))
                .map(Map.Entry::getKey)
                .orElse("");
        out.println(String.format(
                Locale.US,
                "%-" + nameWidth + "s %6s %9s %8s %9s %9s %11s",
                "component",
                "util",
                "capacity",
                "in use",
                "waiting",
                "max wait",
                "residence"));
        components.forEach((name, c) -> {
            String util = c.utilization() < 0 ? "-" : String.format(Locale.US, "%.1f%%", 100 * c.utilization());
            String cap = c.servers() < 0 ? "unlimited" : String.format(Locale.US, "%,d", c.servers());
            String line = String.format(
                    Locale.US,
                    "  %-" + (nameWidth - 2) + "s %6s %9s %8.2f %9.2f %9d %9s ms",
                    name,
                    util,
                    cap,
                    c.meanInUse(),
                    c.meanWaiting(),
                    c.maxWaiting(),
                    ms(c.meanResidenceMillis()));
            if (name.equals(busiest) && width >= line.length() + 10) {
                line += "  <- busiest";
            }
            out.println(line);
        });
    }

    private static String ms(double v) {
        if (v >= 1000) {
            return String.format(Locale.US, "%,.0f", v);
        }
        if (v >= 100) {
            return String.format(Locale.US, "%.1f", v);
        }
        return String.format(Locale.US, "%.2f", v);
    }

    private static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.US, "%,.0f/s", perSecond);
        }
        return String.format(Locale.US, "%.2f/s", perSecond);
    }
}
