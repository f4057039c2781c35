package dev.headroom.cli;

import dev.headroom.analysis.Bottleneck;
import dev.headroom.analysis.Evidence;
import dev.headroom.analysis.Finding;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.GoalResult;
import dev.headroom.analysis.Headroom;
import dev.headroom.analysis.Knee;
import dev.headroom.analysis.Link;
import dev.headroom.analysis.OperationalLaws;
import dev.headroom.analysis.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The findings of a run for a person at a terminal: the verdict first (goals met or not, headroom,
 * bottleneck and its chain), then the evidence. Fits {@code width} columns; colour only when
 * {@code colour} is set (a terminal).
 */
final class FindingsPrinter {
    private static final int MAX_OTHERS_SHOWN = 6;
    private static final String RED = "\033[31;1m";
    private static final String GREEN = "\033[32;1m";
    private static final String YELLOW = "\033[33;1m";
    private static final String RESET = "\033[0m";

    private final PrintWriter out;
    private final int width;
    private final boolean colour;

    FindingsPrinter(PrintWriter out, int width, boolean colour) {
        this.out = out;
        this.width = width;
        this.colour = colour;
    }

    /** Colour when stdout is a terminal that understands it. */
    static boolean colourTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb") && System.getenv("NO_COLOR") == null;
    }

    void print(Findings f) {
        printVerdict(f.verdict());
        if (f.verdict().outcome().equals(Verdict.INVALID)) {
            // The reason, under the headline: the goals above were judged on figures not the target's.
            f.findings().stream()
                    .filter(x -> x.kind().equals(dev.headroom.model.run.Measurement.Verdict.LAG_LIMIT))
                    .findFirst()
                    .ifPresent(x -> out.println(fit("  " + x.what())));
        }
        printHeadroom(f.headroom());
        printBottleneck(f.bottleneck());
        printKnee(f.knee());
        printLaws(f.laws());
        printOthers(f.findings());
    }

    private void printVerdict(Verdict v) {
        String head =
                switch (v.outcome()) {
                    case Verdict.MET -> paint(GREEN, "GOALS MET");
                    case Verdict.BROKEN -> paint(RED, "GOALS MISSED");
                    case Verdict.PARTIAL -> paint(YELLOW, "PARTIAL RUN");
                    case Verdict.INVALID -> paint(RED, "MEASUREMENT INVALID");
                    default -> paint(null, "NO GOALS");
                };
        if (v.goals().isEmpty() && v.outcome().equals(Verdict.INVALID)) {
            out.println();
            return;
        }
        if (v.goals().isEmpty()) {
            out.println("   none set (add goals: {p99: 500ms, errors: 1%} to the spec for a verdict)");
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (GoalResult g : v.goals()) {
            sb.append("   ").append(g.goal()).append(' ').append(value(g.overall(), g.unit()));
            sb.append(g.met() ? " <= " : g.overall() > g.bound() ? " > " : " ? ")
                    .append(value(g.bound(), g.unit()));
        }
        out.println(fit(sb.toString(), width - head.length()));
        if (v.outcome().equals(Verdict.PARTIAL)) {
            out.println("  the run was cut short: it is not a pass, whatever its figures");
        }
        for (GoalResult g : v.goals()) {
            if (g.firstBreach() != null) {
                out.println(fit(String.format(
                        Locale.US,
                        "  %-6s first broken at %s (%s), in %,d of %,d intervals",
                        g.goal(),
                        SummaryPrinter.clock(g.firstBreach().t()),
                        value(g.firstBreach().value(), g.unit()),
                        g.intervalsBroken(),
                        g.intervalsJudged())));
            } else if (g.firstExcursion() != null) {
                // Met over the whole run: intervals over the bound are moments, not a miss.
                out.println(fit(String.format(
                        Locale.US,
                        "  %-6s over %s in %,d of %,d intervals (first at %s, %s); met: the whole run's %s is within it",
                        g.goal(),
                        value(g.bound(), g.unit()),
                        g.intervalsBroken(),
                        g.intervalsJudged(),
                        SummaryPrinter.clock(g.firstExcursion().t()),
                        value(g.firstExcursion().value(), g.unit()),
                        value(g.overall(), g.unit()))));
            }
        }
    }

    private void printHeadroom(Headroom h) {
        if (h == null) {
            return;
        }
        String text = h.summary().startsWith("headroom ") ? h.summary().substring("headroom ".length()) : h.summary();
        out.println(fit("HEADROOM " + text));
        if (h.method().equals("search")) {
            out.println(fit(String.format(
                    Locale.US,
                    "  found by %d simulations of the profile scaled, to %.0f%%",
                    h.probes().size(),
                    100 * h.precision())));
        }
    }

    private void printBottleneck(Bottleneck b) {
        if (b == null) {
            return;
        }
        out.println(fit("BOTTLENECK " + b.component() + ": " + b.summary()));
        for (Link l : b.chain()) {
            Evidence e = l.evidence();
            String when = l.t() < 0 ? "whole run" : SummaryPrinter.clock(l.t());
            out.println(fit(
                    String.format(Locale.US, "  %10s  %-16s %-36s %s", when, l.component(), l.what(), evidence(e))));
        }
    }

    private void printKnee(Knee k) {
        if (k == null) {
            return;
        }
        out.println(fit("KNEE     " + k.summary() + " (at " + SummaryPrinter.clock(k.t()) + ")"));
    }

    private void printLaws(OperationalLaws laws) {
        if (laws == null || laws.demands().isEmpty()) {
            return;
        }
        OperationalLaws.Demand top = laws.demands().stream()
                .filter(d -> d.component().equals(laws.boundBy()))
                .findFirst()
                .orElse(laws.demands().get(0));
        long holds = laws.little().stream()
                .filter(OperationalLaws.LittleCheck::holds)
                .count();
        out.println(fit(String.format(
                Locale.US,
                "LAWS     throughput %s/s; bound %s/s set by %s (demand %s ms per request on %d server%s)",
                num(laws.systemThroughputPerSecond()),
                num(laws.throughputBoundPerSecond()),
                laws.boundBy(),
                num(top.demandMillis()),
                top.servers(),
                top.servers() == 1 ? "" : "s")));
        if (!laws.little().isEmpty()) {
            out.println(fit(String.format(
                    Locale.US,
                    "  Little's law N = X R holds within %.0f%% on %d of %d components",
                    100 * laws.little().get(0).tolerance(),
                    holds,
                    laws.little().size())));
        }
    }

    private void printOthers(List<Finding> others) {
        int shown = 0;
        for (Finding f : others) {
            if (shown == MAX_OTHERS_SHOWN) {
                out.println(String.format(Locale.US, "  ... %d more in findings.json", others.size() - shown));
                break;
            }
            String when = f.t() < 0 ? "" : " at " + SummaryPrinter.clock(f.t());
            String line = "NOTE     " + f.component() + when + ": " + f.what();
            if (WRAPPED.contains(f.kind())) {
                // About the answer itself, with the fix in it: shown whole.
                wrap(line).forEach(out::println);
            } else {
                out.println(fit(line));
            }
            shown++;
        }
    }

    private static String evidence(Evidence e) {
        return e.metric() + " " + num(e.value()) + (e.unit().isEmpty() ? "" : " " + e.unit());
    }

    private static String value(double v, String unit) {
        return unit.equals("fraction")
                ? String.format(Locale.US, "%.2f%%", 100 * v)
                : String.format(Locale.US, "%s %s", num(v), unit);
    }

    static String num(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.US, "%,.0f", v);
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.US, "%.0f", v);
        }
        return String.format(Locale.US, Math.abs(v) >= 10 ? "%.1f" : "%.3g", v);
    }

    /** Prints a verdict's label, in colour on a terminal; returns it, for the width left. */
    private String paint(String code, String text) {
        if (colour && code != null) {
            TerminalWriter.raw(out, code);
            out.print(text);
            TerminalWriter.raw(out, RESET);
        } else {
            out.print(text);
        }
        return text;
    }

    /** Notes about the answer itself (a default that sets the bound, a search skipped), printed whole. */
    private static final Set<String> WRAPPED = Set.of("default-binds", "headroom-search-skipped");

    /** The line broken at spaces to the width, its continuation lines indented under the note's text. */
    private List<String> wrap(String line) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(9);
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" ")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > width) {
                lines.add(current.toString());
                current = new StringBuilder(indent);
            } else if (current.length() > 0 && !current.toString().equals(indent)) {
                current.append(' ');
            }
            current.append(word);
        }
        lines.add(current.toString());
        return lines;
    }

    private String fit(String line) {
        return fit(line, width);
    }

    private static String fit(String line, int w) {
        return line.length() <= w ? line : line.substring(0, Math.max(0, w - 3)) + "...";
    }
}
