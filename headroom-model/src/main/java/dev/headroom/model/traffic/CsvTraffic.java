package dev.headroom.model.traffic;

import dev.headroom.model.spec.Limits;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads recorded traffic from CSV: a time column and a value column. Times are ISO-8601 instants
 * ({@code 2025-11-28T10:00:00Z}), epoch seconds or seconds ({@code 1732788000}, {@code 60}), or
 * durations ({@code 90s}); a file mixes no ISO times with the other forms. An optional header names the
 * columns, in any order: the time column is {@code Timestamp} (or {@code time}, {@code date}),
 * and the value column is the one the spec names, else {@code Sum}, {@code SampleCount} or
 * {@code count} (a count per period, as CloudWatch exports), {@code rate}, {@code value}, or the
 * only other column. Cells may be quoted; {@code #} starts a comment line.
 */
public final class CsvTraffic {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n]");
    private static final List<String> TIME_NAMES = List.of("timestamp", "time", "date", "datetime", "seconds", "t");
    private static final List<String> COUNT_NAMES = List.of("sum", "samplecount", "count");
    private static final List<String> RATE_NAMES = List.of("rate");
    private static final List<String> PLAIN_NAMES = List.of("value");
    /** Past this many bad rows the rest is noise: the first ones say what is wrong with the file. */
    static final int MAX_ERRORS = 10;

    private enum TimeForm {
        INSTANT,
        NUMBER,
        DURATION
    }

    /** A cell of a row, with the 1-based column where its text starts. */
    record Cell(String text, int column) {}

    private record Header(
            int timeIndex, int valueIndex, String timeName, String valueName, Optional<Meaning> meaning) {}

    private CsvTraffic() {}

    /**
     * The samples of {@code text}, in file order. {@code column} names the value column (the file
     * must then have a header); otherwise it is found by name as the class comment says.
     */
    public static Recording read(String text, Optional<String> column) throws TrafficException {
        String[] lines = LINE_BREAK.split(text.startsWith("\uFEFF") ? text.substring(1) : text, -1);
        List<TrafficError> errors = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        Header header = null;
        TimeForm form = null;
        boolean durations = false;
        for (int i = 0; i < lines.length && errors.size() < MAX_ERRORS; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            List<Cell> cells = cells(line);
            if (header == null) {
                boolean named = timeForm(cells.get(0).text()).isEmpty();
                header = named ? named(cells, lineNo, column) : unnamed(lineNo, cells, column);
                if (named) {
                    continue;
                }
            }
            if (cells.size() <= Math.max(header.timeIndex(), header.valueIndex())) {
                errors.add(new TrafficError(
                        lineNo,
                        line.length() + 1,
                        header.valueName(),
                        line.strip(),
                        "the row has " + cells.size() + " cell" + (cells.size() == 1 ? "" : "s") + ", so no "
                                + header.valueName(),
                        "write every row as " + header.timeName() + "," + header.valueName() + " such as "
                                + "2025-11-28T10:00:00Z,48000"));
                continue;
            }
            if (samples.size() >= Limits.REPLAY_POINTS.max()) {
                errors.add(new TrafficError(
                        lineNo,
                        1,
                        header.timeName(),
                        null,
                        "the file has more than " + Limits.REPLAY_POINTS.shown() + " rows",
                        "export a coarser period, or cut the file to the time you replay (" + Limits.REPLAY_POINTS.why()
                                + ")"));
                break;
            }
            Cell time = cells.get(header.timeIndex());
            Cell value = cells.get(header.valueIndex());
            double at;
            try {
                TimeForm f = timeForm(time.text())
                        .orElseThrow(() -> new QuantityException(
                                "not a time",
                                "write an ISO-8601 time such as 2025-11-28T10:00:00Z, epoch seconds, or seconds"
                                        + " from the start"));
                if (form != null && (f == TimeForm.INSTANT) != (form == TimeForm.INSTANT)) {
                    throw new QuantityException(
                            "the times mix forms: the first row writes " + describe(form) + ", this one " + describe(f),
                            "write every time the same way");
                }
                at = seconds(time.text(), f);
                form = form == null ? f : form;
                durations |= f == TimeForm.DURATION;
            } catch (QuantityException e) {
                errors.add(new TrafficError(lineNo, time.column(), header.timeName(), time.text(), e.rule(), e.fix()));
                continue;
            }
            try {
                samples.add(new Sample(at, value(value.text()), lineNo, time.column()));
            } catch (QuantityException e) {
                errors.add(
                        new TrafficError(lineNo, value.column(), header.valueName(), value.text(), e.rule(), e.fix()));
            }
        }
        if (!errors.isEmpty()) {
            throw new TrafficException(errors);
        }
        if (header == null) {
            throw new TrafficException(new TrafficError(
                    1, 1, "time", null, "the file has no rows", "export the metric with at least two rows"));
        }
        return new Recording(samples, header.meaning(), !durations, header.valueName());
    }

    private static Header unnamed(int lineNo, List<Cell> cells, Optional<String> column) throws TrafficException {
        if (column.isPresent()) {
            throw new TrafficException(new TrafficError(
                    lineNo,
                    1,
                    column.get(),
                    null,
                    "the file has no header line, so column: " + column.get() + " names nothing",
                    "add a header line such as Timestamp," + column.get() + ", or remove column"));
        }
        return new Header(0, 1, "time", "value", Optional.empty());
    }

    private static Header named(List<Cell> cells, int lineNo, Optional<String> column) throws TrafficException {
        List<String> names = cells.stream().map(c -> c.text().strip()).toList();
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        int time = 0;
        for (String n : TIME_NAMES) {
            if (lower.contains(n)) {
                time = lower.indexOf(n);
                break;
            }
        }
        int value = -1;
        if (column.isPresent()) {
            value = names.indexOf(column.get().strip());
            if (value < 0) {
                value = lower.indexOf(column.get().strip().toLowerCase(Locale.ROOT));
            }
            if (value < 0 || value == time) {
                throw new TrafficException(new TrafficError(
                        lineNo,
                        cells.get(0).column(),
                        column.get(),
                        String.join(",", names),
                        "the header has no value column named '" + column.get() + "'",
                        "name one of " + String.join(", ", others(names, time))));
            }
        } else {
            for (List<String> known : List.of(COUNT_NAMES, RATE_NAMES, PLAIN_NAMES)) {
                for (String n : known) {
                    if (value < 0 && lower.contains(n) && lower.indexOf(n) != time) {
                        value = lower.indexOf(n);
                    }
                }
            }
            if (value < 0 && names.size() == 2) {
                value = 1 - time;
            }
            if (value < 0) {
                throw new TrafficException(new TrafficError(
                        lineNo,
                        cells.get(0).column(),
                        "header",
                        String.join(",", names),
                        "no column is named Sum, SampleCount, count, rate or value",
                        "say which column holds the traffic with column: NAME (one of "
                                + String.join(", ", others(names, time)) + ")"));
            }
        }
        String valueName = lower.get(value);
        Optional<Meaning> meaning = COUNT_NAMES.contains(valueName)
                ? Optional.of(Meaning.COUNT)
                : RATE_NAMES.contains(valueName) ? Optional.of(Meaning.RATE) : Optional.empty();
        return new Header(time, value, names.get(time), names.get(value), meaning);
    }

    private static List<String> others(List<String> names, int time) {
        List<String> out = new ArrayList<>(names);
        out.remove(time);
        return out.isEmpty() ? List.of("(none)") : out;
    }

    private static Optional<TimeForm> timeForm(String text) {
        String s = text.strip();
        if (Instants.looksDated(s)) {
            return Optional.of(TimeForm.INSTANT);
        }
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
            if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-' || c == '_')) {
                return Optional.of(TimeForm.NUMBER);
            }
            return Optional.of(TimeForm.DURATION);
        }
        return Optional.empty();
    }

    private static double seconds(String text, TimeForm form) {
        return switch (form) {
            case INSTANT -> {
                double s = Instants.epochSeconds(text);
                if (Double.isNaN(s)) {
                    throw new QuantityException("not an ISO-8601 date and time", "write it as 2025-11-28T10:00:00Z");
                }
                yield s;
            }
            case NUMBER -> Quantities.finite(Quantities.number(text));
            case DURATION -> Quantities.durationNanos(text) / 1e9;
        };
    }

    private static String describe(TimeForm form) {
        return switch (form) {
            case INSTANT -> "an ISO-8601 time";
            case NUMBER, DURATION -> "an offset";
        };
    }

    private static double value(String text) {
        double v = Quantities.number(text);
        if (v < 0) {
            throw new QuantityException("traffic cannot be negative", "use a value of zero or more");
        }
        return v;
    }

    /** The cells of a line split at commas, each stripped of spaces and of surrounding double quotes. */
    static List<Cell> cells(String line) {
        List<Cell> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                start = ++i;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"' && i < n && line.charAt(i) == '"') {
                        text.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        text.append(c);
                    }
                }
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    text.append(line.charAt(i++));
                }
            }
            out.add(new Cell(text.toString().strip(), start + 1));
            if (i >= n) {
                return out;
            }
            i++;
        }
    }
}
