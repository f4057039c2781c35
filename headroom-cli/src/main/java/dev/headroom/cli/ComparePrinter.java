package dev.headroom.cli;

import dev.headroom.analysis.Comparison;
import java.io.PrintWriter;
import java.util.Locale;

/** Two runs side by side in a terminal: verdicts and bottlenecks, then a row per figure with the difference. */
final class ComparePrinter {
    private final PrintWriter out;
    private final int width;

    ComparePrinter(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    void print(Comparison c) {
        out.println(fit(String.format(Locale.US, "%-26s %20s %20s %24s", "", "A", "B", "B - A")));
        side("run", c.a().runId(), c.b().runId());
        side("kind", c.a().kind(), c.b().kind());
        side("verdict", verdict(c.a()), verdict(c.b()));
        side("bottleneck", orDash(c.a().bottleneck()), orDash(c.b().bottleneck()));
        for (Comparison.Row r : c.rows()) {
            if (r.a() == null && r.b() == null) {
                continue;
            }
            String diff = r.difference() == null ? "" : signed(r.difference(), r.unit());
            if (r.relative() != null && r.difference() != 0) {
                diff += String.format(Locale.US, " (%+.0f%%)", 100 * r.relative());
            }
            out.println(fit(String.format(
                    Locale.US,
                    "%-26s %20s %20s %24s",
                    r.figure(),
                    value(r.a(), r.unit()),
                    value(r.b(), r.unit()),
                    diff)));
        }
    }

    private void side(String name, String a, String b) {
        out.println(fit(String.format(Locale.US, "%-26s %20s %20s", name, clip(a), clip(b))));
    }

    private static String verdict(Comparison.Side s) {
        return s.partial() ? "partial" : s.verdict();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String clip(String s) {
        return s.length() <= 20 ? s : "..." + s.substring(s.length() - 17);
    }

    static String value(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        return switch (unit) {
            case "fraction" -> String.format(Locale.US, "%.2f%%", 100 * v);
            case "$" -> String.format(Locale.US, "$%.4f", v);
            case "x" -> String.format(Locale.US, "%.2fx", v);
            case "requests" -> String.format(Locale.US, "%,.0f", v);
            default -> FindingsPrinter.num(v) + " " + unit;
        };
    }

    private static String signed(double d, String unit) {
        String v = value(Math.abs(d), unit);
        return (d < 0 ? "-" : d > 0 ? "+" : "") + v;
    }

    private String fit(String line) {
        String l = line.stripTrailing();
        return l.length() <= width ? l : l.substring(0, width - 3) + "...";
    }
}
