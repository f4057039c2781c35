package dev.headroom.load.scrape;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4): {@code # TYPE} lines and samples
 * {@code name{labels} value [timestamp]}. A sample is a counter when its family is typed
 * {@code counter}, when it is the {@code _sum}, {@code _count} or {@code _bucket} of a histogram or
 * summary, or when untyped and named {@code ..._total}. Non-finite values are skipped.
 */
public final class PrometheusText {
    private PrometheusText() {}

    /** One series' value and whether it only ever goes up (so its rate is what matters). */
    public record Sample(double value, boolean counter) {}

    public static Map<String, Sample> parse(String text, int maxSeries) {
        Map<String, String> types = new HashMap<>();
        Map<String, Sample> out = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split("\\s+");
                if (parts.length >= 4 && parts[1].equals("TYPE")) {
                    types.put(parts[2], parts[3]);
                }
                continue;
            }
            if (out.size() >= maxSeries) {
                break;
            }
            int split = seriesEnd(line);
            if (split <= 0 || split >= line.length()) {
                continue;
            }
            String series = line.substring(0, split).strip();
            String[] rest = line.substring(split).strip().split("\\s+");
            double value = number(rest[0]);
            if (!Double.isFinite(value)) {
                continue;
            }
            String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            out.put(series, new Sample(value, isCounter(name, types)));
        }
        return out;
    }

    private static boolean isCounter(String name, Map<String, String> types) {
        String type = types.get(name);
        if (type != null) {
            return type.equals("counter");
        }
        for (String suffix : new String[] {"_sum", "_count", "_bucket", "_total"}) {
            if (name.endsWith(suffix)) {
                String family = types.get(name.substring(0, name.length() - suffix.length()));
                if (family != null) {
                    return !family.equals("gauge");
                }
            }
        }
        return name.endsWith("_total");
    }

    /** The index just past the series (name and labels, which may hold quoted spaces and braces). */
    private static int seriesEnd(String line) {
        boolean quoted = false;
        boolean inLabels = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                inLabels = true;
            } else if (c == '}') {
                return i + 1;
            } else if (!inLabels && Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }

    private static double number(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }
}
