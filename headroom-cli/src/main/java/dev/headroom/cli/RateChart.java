package dev.headroom.cli;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.units.Quantities;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A text chart of a profile's rate over time: each column is the mean rate over its slice of
 * time (the integral over the slice, so short spikes are not missed between samples), drawn in
 * eighths of a row with block characters.
 */
final class RateChart {
    private static final char[] EIGHTHS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final int LABEL = 10;

    private final Profile profile;
    private final int rows;
    private final int cols;

    /**
     * Rate evaluations per column: exact integration (a step of 50 ms) for a profile of up to a
     * day on 100 columns; a 400-day profile would otherwise take minutes to draw.
     */
    private static final int STEPS_PER_COLUMN = 20_000;

    RateChart(Profile profile, int rows, int cols) {
        this.profile = profile;
        this.rows = rows;
        this.cols = cols;
    }

    void print(PrintWriter out) {
        double duration = profile.durationSeconds();
        double[] values = new double[cols];
        double max = 0;
        for (int c = 0; c < cols; c++) {
            double t0 = duration * c / cols;
            double t1 = duration * (c + 1) / cols;
            values[c] = profile.approximateArrivals(t0, t1, STEPS_PER_COLUMN) / (t1 - t0);
            max = Math.max(max, values[c]);
        }
        double top = max <= 0 ? 1 : max;
        for (int r = 0; r < rows; r++) {
            String label = r == 0
                    ? ProfileCommand.rate(top)
                    : r == rows / 2 ? ProfileCommand.rate(top * (rows - r) / rows) : "";
            StringBuilder line = new StringBuilder(
                    String.format(Locale.US, "%" + LABEL + "s %s", label, r == 0 || r == rows / 2 ? "┤" : "│"));
            int floor = (rows - 1 - r) * 8;
            for (int c = 0; c < cols; c++) {
                int eighths = (int) Math.round(values[c] / top * rows * 8);
                int fill = Math.max(0, Math.min(8, eighths - floor));
                line.append(EIGHTHS[fill]);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println(String.format(Locale.US, "%" + LABEL + "s └%s", "0/s", "─".repeat(cols)));
        String start = "0s";
        String mid = Quantities.formatDuration(Math.round(duration / 2 * 1e9));
        String end = Quantities.formatDuration(Math.round(duration * 1e9));
        StringBuilder axis = new StringBuilder(" ".repeat(LABEL + 2)).append(start);
        int midPos = LABEL + 2 + cols / 2 - mid.length() / 2;
        pad(axis, midPos).append(mid);
        pad(axis, LABEL + 2 + cols - end.length()).append(end);
        out.println(axis);
    }

    private static StringBuilder pad(StringBuilder sb, int column) {
        while (sb.length() < column) {
            sb.append(' ');
        }
        if (sb.length() > column) {
            sb.append(' ');
        }
        return sb;
    }
}
