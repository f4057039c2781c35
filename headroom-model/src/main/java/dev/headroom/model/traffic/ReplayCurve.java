package dev.headroom.model.traffic;

import dev.headroom.model.profile.Replay;
import dev.headroom.model.spec.Limits;
import dev.headroom.model.units.Quantities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a recording into the points of a {@link Replay}: sorted by time (CloudWatch exports are
 * often newest first), cut to the window, scaled, with times in seconds from the window's start.
 *
 * <p>A rate sample becomes a point at its time; the curve runs from the first kept sample to the
 * last. A count covers the period that starts at its row, so it becomes the rate count / period
 * at the middle of that period, and the curve holds the first and last rates out to the edges of
 * their periods: linear interpolation between the middles then sends exactly the recorded counts
 * (each trapezoid gives half of each neighbour back to the other). Counts must be evenly spaced:
 * CloudWatch leaves out periods with no data, and a silent gap would replay as a ramp.
 */
public final class ReplayCurve {
    /** Two times closer than this (in seconds, relative to the period) are the same time. */
    private static final double SAME = 1e-6;

    private ReplayCurve() {}

    /** A spec key whose value does not fit the file: which key, the rule and a fix. */
    public static final class KeyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String fix;

        KeyException(String key, String rule, String fix) {
            super(rule);
            this.key = key;
            this.fix = fix;
        }

        public String key() {
            return key;
        }

        public String rule() {
            return getMessage();
        }

        public String fix() {
            return fix;
        }
    }

    public static List<Replay.Point> points(Recording recording, ReplayOptions options)
            throws TrafficException, KeyException {
        List<Sample> sorted = new ArrayList<>(recording.samples());
        sorted.sort(Comparator.comparingDouble(Sample::atSeconds));
        checkDistinct(sorted, recording.valueName());
        Meaning meaning = options.value().or(recording::meaning).orElse(Meaning.RATE);
        if (meaning == Meaning.RATE && options.periodSeconds().isPresent()) {
            throw new KeyException(
                    "period",
                    "a rate needs no period: period says how long each count covers",
                    "remove period, or set value: count if the values are counts");
        }
        if (sorted.size() < (meaning == Meaning.COUNT ? 1 : 2)) {
            throw new TrafficException(new TrafficError(
                    1,
                    1,
                    recording.valueName(),
                    null,
                    "a replayed curve needs at least two rows, this file has " + sorted.size(),
                    "export the metric over the time to replay"));
        }
        double first = sorted.get(0).atSeconds();
        double last = sorted.get(sorted.size() - 1).atSeconds();
        double from = edge(options, true, recording, first);
        double to = edge(options, false, recording, first);
        if (!(from < to)) {
            throw new KeyException("to", "the window ends before it starts", "give a to: later than from:");
        }
        List<Replay.Point> points = meaning == Meaning.COUNT
                ? counts(sorted, options, from, to, recording)
                : rates(sorted, options.scale(), from, to, recording.valueName());
        if (points.size() < 2) {
            throw new KeyException(
                    options.from().isPresent() ? "from" : "to",
                    "the window holds " + (meaning == Meaning.COUNT ? "no whole period" : "fewer than two samples")
                            + ": the file runs from " + shown(first, recording) + " to " + shown(last, recording),
                    "widen the window to cover some of the file");
        }
        return points;
    }

    private static void checkDistinct(List<Sample> sorted, String field) throws TrafficException {
        List<TrafficError> errors = new ArrayList<>();
        for (int i = 1; i < sorted.size() && errors.size() < CsvTraffic.MAX_ERRORS; i++) {
            Sample a = sorted.get(i - 1);
            Sample b = sorted.get(i);
            if (a.atSeconds() == b.atSeconds()) {
                Sample later = a.line() > b.line() ? a : b;
                Sample earlier = later == a ? b : a;
                errors.add(new TrafficError(
                        later.line(),
                        later.column(),
                        field,
                        null,
                        "this time appears twice (also on line " + earlier.line() + ")",
                        "keep one row per time (an export of two metrics or two statistics? export one)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new TrafficException(errors);
        }
    }

    private static double edge(ReplayOptions options, boolean start, Recording recording, double first)
            throws KeyException {
        var e = start ? options.from() : options.to();
        if (e.isEmpty()) {
            return start ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (e.get() instanceof Edge.At && !recording.dated()) {
            throw new KeyException(
                    start ? "from" : "to",
                    "the file's times are offsets, not dates",
                    "give an offset from the first row, such as 8h");
        }
        return e.get().resolve(first);
    }

    private static List<Replay.Point> counts(
            List<Sample> sorted, ReplayOptions options, double from, double to, Recording recording)
            throws TrafficException {
        boolean stated = options.periodSeconds().isPresent();
        double period = stated ? options.periodSeconds().getAsDouble() : smallestSpacing(sorted);
        List<Sample> kept = sorted.stream()
                .filter(s -> s.atSeconds() >= from - SAME * period && s.atSeconds() < to - SAME * period)
                .toList();
        List<TrafficError> errors = new ArrayList<>();
        for (int i = 1; i < kept.size() && errors.size() < CsvTraffic.MAX_ERRORS; i++) {
            double gap = kept.get(i).atSeconds() - kept.get(i - 1).atSeconds();
            if (Math.abs(gap - period) > SAME * period) {
                Sample s = kept.get(i);
                errors.add(new TrafficError(
                        s.line(),
                        s.column(),
                        recording.valueName(),
                        null,
                        "this row is " + duration(gap) + " after the one before it (line "
                                + kept.get(i - 1).line() + "), but the period is " + duration(period)
                                + (stated ? "" : " (the closest spacing of the rows)"),
                        gap > period
                                ? "CloudWatch leaves out periods with no data: add the missing rows with a count"
                                        + " of 0, or keep the window (from:, to:) away from the gap"
                                : "export one row per period, or state the period the counts cover with period:"));
            }
        }
        List<Replay.Point> points = new ArrayList<>();
        if (kept.isEmpty()) {
            return points;
        }
        double start = kept.get(0).atSeconds();
        for (Sample s : kept) {
            double rate = bounded(s.value() * options.scale() / period, s, recording.valueName(), errors);
            if (points.isEmpty()) {
                points.add(new Replay.Point(0, rate));
            }
            points.add(new Replay.Point(s.atSeconds() - start + period / 2, rate));
        }
        Replay.Point end = points.get(points.size() - 1);
        points.add(new Replay.Point(end.atSeconds() + period / 2, end.ratePerSecond()));
        if (!errors.isEmpty()) {
            throw new TrafficException(errors);
        }
        return points;
    }

    private static double smallestSpacing(List<Sample> sorted) throws TrafficException {
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 1; i < sorted.size(); i++) {
            smallest = Math.min(
                    smallest, sorted.get(i).atSeconds() - sorted.get(i - 1).atSeconds());
        }
        if (smallest == Double.POSITIVE_INFINITY) {
            Sample only = sorted.get(0);
            throw new TrafficException(new TrafficError(
                    only.line(),
                    only.column(),
                    "period",
                    null,
                    "one row cannot tell how long its count covers",
                    "state the period with period: 1m, or export more rows"));
        }
        return smallest;
    }

    private static List<Replay.Point> rates(List<Sample> sorted, double scale, double from, double to, String field)
            throws TrafficException {
        List<TrafficError> errors = new ArrayList<>();
        List<Replay.Point> points = new ArrayList<>();
        double first = sorted.get(0).atSeconds();
        double last = sorted.get(sorted.size() - 1).atSeconds();
        double start = Math.max(from, first);
        double end = Math.min(to, last);
        if (start > first && start < last) {
            points.add(new Replay.Point(0, edgeRate(sorted, start, scale, field, errors)));
        }
        for (Sample s : sorted) {
            if (s.atSeconds() >= start && s.atSeconds() <= end) {
                double rate = bounded(s.value() * scale, s, field, errors);
                if (points.isEmpty()
                        || s.atSeconds() - start > points.get(points.size() - 1).atSeconds()) {
                    points.add(new Replay.Point(s.atSeconds() - start, rate));
                }
            }
        }
        if (!points.isEmpty()
                && end < last
                && end > first
                && end - start > points.get(points.size() - 1).atSeconds()) {
            points.add(new Replay.Point(end - start, edgeRate(sorted, end, scale, field, errors)));
        }
        if (!errors.isEmpty()) {
            throw new TrafficException(errors);
        }
        return points;
    }

    /** The scaled rate where the window cuts the curve, bounded like a sample (and reported at the next one). */
    private static double edgeRate(
            List<Sample> sorted, double t, double scale, String field, List<TrafficError> errors) {
        Sample next = sorted.stream().filter(s -> s.atSeconds() > t).findFirst().orElse(sorted.get(sorted.size() - 1));
        return bounded(interpolate(sorted, t) * scale, next, field, errors);
    }

    /** The linearly interpolated value at {@code t}, which lies within the samples. */
    private static double interpolate(List<Sample> sorted, double t) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).atSeconds() <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Sample a = sorted.get(lo);
        Sample b = sorted.get(hi);
        double span = b.atSeconds() - a.atSeconds();
        return span <= 0 ? b.value() : a.value() + (b.value() - a.value()) * ((t - a.atSeconds()) / span);
    }

    private static double bounded(double rate, Sample s, String field, List<TrafficError> errors) {
        if (rate <= Limits.RATE.max()) {
            return rate;
        }
        if (errors.size() < CsvTraffic.MAX_ERRORS) {
            errors.add(new TrafficError(
                    s.line(),
                    s.column(),
                    field,
                    null,
                    "replays at " + Quantities.formatRate(rate) + ", above the bound of " + Limits.RATE.shown(),
                    "lower the replay's scale (" + Limits.RATE.why() + ")"));
        }
        return Limits.RATE.max();
    }

    private static String shown(double seconds, Recording recording) {
        return recording.dated() && seconds >= 1e8 ? Instants.format(seconds) : duration(seconds);
    }

    private static String duration(double seconds) {
        return seconds >= 0 && seconds < 1e12
                ? Quantities.formatDuration(Math.round(seconds * 1e9))
                : String.format(Locale.ROOT, "%.0fs", seconds);
    }
}
