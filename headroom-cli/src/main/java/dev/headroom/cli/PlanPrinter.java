package dev.headroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.headroom.analysis.Headroom;
import dev.headroom.plan.Evaluation;
import dev.headroom.plan.Plan;
import dev.headroom.plan.Planner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a plan: the answer first, then the front, then why the cheaper configurations fail. */
final class PlanPrinter {
    /** Cheaper failing configurations shown in the terminal; {@code --json} lists all. */
    static final int CHEAPER_SHOWN = 12;

    private PlanPrinter() {}

    static void print(PrintWriter out, Plan p, Path written) {
        String objective = p.objective() == Planner.Objective.MONTHLY ? "steady monthly cost" : "event cost";
        out.printf(
                Locale.US,
                "%s: the lowest %s that meets the goals at %s of the profile (peak %s)%s; seed %d%n",
                p.name(),
                objective,
                p.margin() == 1 ? "100%" : String.format(Locale.US, "%.0f%%", p.margin() * 100),
                rate(p.peakRatePerSecond()),
                p.survive() ? " with any one component lost" : "",
                p.seed());
        if (p.chosen().isPresent()) {
            chosen(out, p, written);
        } else {
            out.println("NO configuration of the space meets the goals.");
            p.closest().ifPresent(k -> out.println("  closest   " + shown(k.values()) + "\n            " + why(k)));
            p.bound().ifPresent(b -> out.println("  bound     " + b));
            out.println("  widen the space: larger types, more instances, another database class");
            if (written != null) {
                out.println("  nothing written to " + written + ": there is no configuration to write");
            }
            out.println();
        }
        p.asWritten().ifPresent(e -> out.println("as written: " + verdict(e)));
        counts(out, p);
        out.println();
        pareto(out, p);
        cheaper(out, p);
    }

    /** What became of the space, after the answer: the reader wants the answer first and the work after. */
    private static void counts(PrintWriter out, Plan p) {
        Plan.Counts c = p.counts();
        out.printf(
                Locale.US,
                "space: %,d configurations (%s): %,d invalid, %,d ruled out by the utilisation law, %,d inferred"
                        + " from a failure, %,d costlier than the answer, %,d screened out, %,d simulated in full"
                        + " (%,d passed)%n",
                c.space(),
                dims(p),
                c.invalid(),
                c.pruned(),
                c.inferred(),
                c.costlier(),
                c.screened(),
                c.full(),
                c.passed());
        out.printf(
                Locale.US,
                "       %,d simulations in all (%.1f%% of the space in full), %,.0f s of profile simulated%n",
                c.runs(),
                100.0 * c.full() / c.space(),
                c.simulatedSeconds());
    }

    private static void chosen(PrintWriter out, Plan p, Path written) {
        Plan.Candidate k = p.chosen().get();
        Evaluation e = k.evaluation();
        out.printf(
                Locale.US,
                "cheapest that passes: %s this run, %s/month steady%n",
                money(e.eventCost()),
                money2(e.steadyMonthly()));
        if (p.changes().isEmpty()) {
            out.println("  the spec as written (no change)");
        }
        for (String change : p.changes()) {
            out.println("  --set " + change);
        }
        out.printf(
                Locale.US,
                "  p99 %.1f ms, errors %.3f%%; busiest %s at %.0f%% (mean)%n",
                e.p99Millis(),
                e.errorRate() * 100,
                e.component(),
                e.utilization() * 100);
        p.headroom().ifPresent(h -> out.println("  headroom  " + headroom(h)));
        if (written != null) {
            out.println("  written to " + written);
        }
        out.println();
    }

    private static String headroom(Headroom h) {
        String ratio = String.format(Locale.US, "%.2fx", h.ratio());
        return (h.bounded() ? "" : "at least ") + ratio + " of the planned peak (" + rate(h.sustainedRatePerSecond())
                + ") before a goal breaks";
    }

    private static void pareto(PrintWriter out, Plan p) {
        if (p.pareto().isEmpty()) {
            return;
        }
        // Not the headroom above (searched by simulation): the capacity bound of each run, which is cheap to have
        // for every passing configuration and never below the headroom.
        out.println("cost/capacity Pareto front: passing configurations no other beats on both; capacity is how far"
                + " the peak may grow before the busiest component saturates (utilisation law)");
        out.printf(
                Locale.US,
                "  %10s %11s %9s  %-16s %s%n",
                "event cost",
                "$/month",
                "capacity",
                "busiest",
                "configuration");
        for (Plan.Candidate k : p.pareto()) {
            Evaluation e = k.evaluation();
            out.printf(
                    Locale.US,
                    "  %10s %11s %8.2fx  %-16s %s%n",
                    money(e.eventCost()),
                    money2(e.steadyMonthly()),
                    e.capacityRatio(),
                    e.component(),
                    shown(k.values()));
        }
        out.println();
    }

    private static void cheaper(PrintWriter out, Plan p) {
        List<Plan.Candidate> list = p.cheaper();
        if (list.isEmpty()) {
            if (p.chosen().isPresent()) {
                out.println("no cheaper configuration in the space");
            }
            return;
        }
        int shown = Math.min(CHEAPER_SHOWN, list.size());
        boolean estimates = list.subList(0, shown).stream().anyMatch(Plan.Candidate::estimated);
        out.printf(
                Locale.US,
                "%s configurations that fail (%,d%s%s)%n",
                p.chosen().isPresent() ? "cheaper" : "the",
                list.size(),
                shown < list.size() ? String.format(Locale.US, "; the %d cheapest shown, --json lists all", shown) : "",
                estimates ? "; ~ = estimated before simulation" : "");
        out.printf(
                Locale.US,
                "  %11s  %-12s %-8s %-20s %s%n",
                "cost",
                "status",
                "goal",
                "gives out",
                "configuration / why");
        for (Plan.Candidate k : list.subList(0, shown)) {
            boolean priced = Double.isFinite(k.cost());
            out.printf(
                    Locale.US,
                    "  %10s%s  %-12s %-8s %-20s %s%n",
                    priced ? money(k.cost()) : "-",
                    priced && k.estimated() ? "~" : " ",
                    status(k.status()),
                    k.goal() == null ? "-" : k.goal(),
                    k.component() == null ? "-" : k.component(),
                    shown(k.values()));
            out.println("  " + " ".repeat(11) + "  " + k.detail());
        }
    }

    private static String verdict(Evaluation e) {
        if (e.passed()) {
            return String.format(
                    Locale.US,
                    "meets the goals: %s this run, %s/month; busiest %s at %.0f%%",
                    money(e.eventCost()),
                    money2(e.steadyMonthly()),
                    e.component(),
                    e.utilization() * 100);
        }
        return String.format(
                Locale.US,
                "FAILS %s (%s); busiest %s at %.0f%%",
                e.goal(),
                e.detail(),
                e.component(),
                e.utilization() * 100);
    }

    private static String why(Plan.Candidate k) {
        return status(k.status()) + ", " + (k.goal() == null ? "" : k.goal() + ": ") + k.detail()
                + (k.component() == null ? "" : "; gives out: " + k.component());
    }

    private static String status(Plan.Status s) {
        return switch (s) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case SCREENED_OUT -> "screened out";
            case BOUND -> "law bound";
            case INFERRED -> "inferred";
            case INVALID -> "invalid";
            case COSTLIER -> "costlier";
        };
    }

    private static String dims(Plan p) {
        List<String> parts = new ArrayList<>();
        p.dimensions().forEach(d -> parts.add(d.values().size() + " " + shortPath(d.path())));
        return String.join(" x ", parts);
    }

    /** Dimension values as people read them: without the common {@code architecture.} prefix. */
    private static String shown(List<String> values) {
        return String.join("  ", values.stream().map(PlanPrinter::shortPath).toList());
    }

    private static String shortPath(String path) {
        return path.startsWith("architecture.") ? path.substring("architecture.".length()) : path;
    }

    private static String money(double v) {
        return String.format(Locale.US, "$%.4f", v);
    }

    private static String money2(double v) {
        return String.format(Locale.US, "$%,.2f", v);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.US, "%,.0f/s", perSecond);
    }

    /** The plan as JSON: {@code overrides} is the chosen configuration as path=value strings (empty when none passed). */
    static String json(Plan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        // The answer first, as simulate's and load's --json give it: met when a configuration meets the goals.
        m.put("verdict", p.chosen().isPresent() ? "met" : "broken");
        m.put("exitCode", p.chosen().isPresent() ? Main.OK : Main.FAILED);
        m.put("passed", p.chosen().isPresent());
        m.put("name", p.name());
        m.put("overrides", p.chosen().map(Plan.Candidate::values).orElse(List.of()));
        m.put("changes", p.changes());
        m.put("objective", p.objective().name().toLowerCase(Locale.ROOT));
        m.put("margin", p.margin());
        m.put("survive", p.survive() ? "one-failure" : "none");
        m.put("seed", p.seed());
        m.put("peakRatePerSecond", p.peakRatePerSecond());
        List<Map<String, Object>> dims = new ArrayList<>();
        p.dimensions().forEach(d -> dims.add(Map.of("path", d.path(), "values", d.values(), "count", d.count())));
        m.put("dimensions", dims);
        m.put("counts", p.counts());
        p.chosen().ifPresent(k -> m.put("chosen", candidate(k)));
        p.headroom()
                .ifPresent(h -> m.put(
                        "headroom",
                        Map.of(
                                "ratio",
                                h.ratio(),
                                "sustainedRatePerSecond",
                                h.sustainedRatePerSecond(),
                                "bounded",
                                h.bounded())));
        p.asWritten().ifPresent(e -> {
            Map<String, Object> w = run(e);
            w.put("passed", e.passed());
            if (!e.passed()) {
                w.put("goal", e.goal());
                w.put("detail", e.detail());
            }
            m.put("asWritten", w);
        });
        m.put("pareto", p.pareto().stream().map(PlanPrinter::candidate).toList());
        m.put("cheaper", p.cheaper().stream().map(PlanPrinter::candidate).toList());
        p.closest().ifPresent(k -> m.put("closest", candidate(k)));
        p.bound().ifPresent(b -> m.put("bound", b));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan is plain data", e);
        }
    }

    private static Map<String, Object> candidate(Plan.Candidate k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overrides", k.values());
        m.put("status", k.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("cost", k.cost());
        m.put("costEstimated", k.estimated());
        if (k.goal() != null) {
            m.put("goal", k.goal());
        }
        if (k.component() != null) {
            m.put("component", k.component());
        }
        if (k.detail() != null) {
            m.put("detail", k.detail());
        }
        if (k.evaluation() != null) {
            m.put("run", run(k.evaluation()));
        }
        return m;
    }

    /** A simulated run's figures; figures that do not exist (no successful response, nothing busy) are null. */
    private static Map<String, Object> run(Evaluation e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("eventCost", e.eventCost());
        r.put("steadyMonthly", e.steadyMonthly());
        r.put("p99Millis", Double.isNaN(e.p99Millis()) ? null : e.p99Millis());
        r.put("errorRate", e.errorRate());
        r.put("busiest", e.component());
        r.put("utilization", e.utilization());
        r.put("capacityRatio", Double.isInfinite(e.capacityRatio()) ? null : e.capacityRatio());
        r.put("stoppedEarly", e.stoppedEarly());
        r.put("simulatedSeconds", e.simulatedSeconds());
        return r;
    }
}
