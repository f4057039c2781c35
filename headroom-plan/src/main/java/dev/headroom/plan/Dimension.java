package dev.headroom.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing a plan may change: a {@code --set} path and the values it may take, in order. A
 * {@code count} dimension (an integer range, or a rising list of integers) is one along which more
 * is assumed never to be worse for the goals (more instances, replicas, shards, connections): the
 * search bisects it instead of trying every value. Other dimensions (types, lists) are choices.
 */
public record Dimension(String path, List<String> values, boolean count, String written) {
    /** The most values one dimension may have. */
    public static final int MAX_VALUES = 10_000;

    private static final Pattern RANGE =
            Pattern.compile("\\s*(-?\\d{1,9})\\s*\\.\\.\\s*(-?\\d{1,9})\\s*(?:/\\s*(\\d{1,9})\\s*)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_\\-\\[\\]]+(\\.[A-Za-z0-9_\\-\\[\\]]+)*");

    public Dimension {
        values = List.copyOf(values);
    }

    /** The override that sets this dimension to its {@code i}-th value. */
    public String override(int i) {
        return path + "=" + values.get(i);
    }

    /**
     * Reads {@code PATH=VALUES} as given to {@code --vary}: a list {@code c5.large,m5.large}, an
     * integer range {@code 2..40} or {@code 2..40/2}, or a catalog filter such as
     * {@code instances(family=c5, vcpus<=8)} (see {@link CatalogValues}). {@code where} names the
     * argument in errors.
     */
    public static Dimension parse(String arg, String where) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new PlanInputException(
                    where, "a dimension must look like PATH=VALUES", "write it as architecture.pool.instances=2..40");
        }
        return of(arg.substring(0, eq).trim(), arg.substring(eq + 1), where);
    }

    /** The dimension {@code path} with {@code valuesText} as written in a spec's {@code plan.vary} or after {@code =}. */
    public static Dimension of(String path, String valuesText, String where) {
        if (!PATH.matcher(path).matches()) {
            throw new PlanInputException(
                    where,
                    "'" + path + "' is not a spec path",
                    "write keys separated by dots, as --set takes them: architecture.pool.instances");
        }
        String text = valuesText.trim();
        if (text.isEmpty()) {
            throw new PlanInputException(
                    where, "no values for " + path, "give a list (c5.large,m5.large), a range (2..40) or a filter");
        }
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            return range(path, range, text, where);
        }
        if (CatalogValues.looksLikeFilter(text)) {
            List<String> names = CatalogValues.select(text, where);
            if (names.isEmpty()) {
                throw new PlanInputException(
                        where,
                        "the filter " + text + " matches no row of the catalog",
                        "loosen it; headroom catalog shows the rows and their fields");
            }
            return new Dimension(path, names, false, text);
        }
        return list(path, text, where);
    }

    private static Dimension range(String path, Matcher m, String text, String where) {
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        long step = m.group(3) == null ? 1 : Long.parseLong(m.group(3));
        if (from > to) {
            throw new PlanInputException(
                    where, "the range " + text + " runs backwards", "write the smaller end first: " + to + ".." + from);
        }
        if (step < 1) {
            throw new PlanInputException(
                    where, "the step of " + text + " must be at least 1", "write " + from + ".." + to + "/1");
        }
        long n = (to - from) / step + 1;
        if (n > MAX_VALUES) {
            throw new PlanInputException(
                    where,
                    String.format(Locale.ROOT, "the range %s has %,d values, more than %,d", text, n, MAX_VALUES),
                    "use a step, such as " + from + ".." + to + "/" + Math.max(2, (to - from) / 100));
        }
        List<String> values = new ArrayList<>();
        for (long v = from; v <= to; v += step) {
            values.add(Long.toString(v));
        }
        return new Dimension(path, values, true, text);
    }

    private static Dimension list(String path, String text, String where) {
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String v = part.trim();
            if (v.isEmpty()) {
                throw new PlanInputException(
                        where,
                        "the list " + text + " has an empty value",
                        "separate values by single commas: c5.large,m5.large");
            }
            if (!values.add(v)) {
                throw new PlanInputException(
                        where, "the list " + text + " names " + v + " twice", "name each value once");
            }
        }
        if (values.size() > MAX_VALUES) {
            throw new PlanInputException(where, "more than " + MAX_VALUES + " values", "try fewer values");
        }
        List<String> list = List.copyOf(values);
        return new Dimension(path, list, risingIntegers(list), text);
    }

    private static boolean risingIntegers(List<String> values) {
        long last = Long.MIN_VALUE;
        for (String v : values) {
            if (!INTEGER.matcher(v).matches()) {
                return false;
            }
            long x = Long.parseLong(v);
            if (x <= last) {
                return false;
            }
            last = x;
        }
        return values.size() > 1;
    }
}
