package dev.headroom.analysis.calibrate;

import dev.headroom.model.run.TimelineRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The target's metrics over a run's timeline, read the way {@code headroom load} records them:
 * gauges under their series ({@code name} or {@code name{labels}}), counters as their rate under
 * {@code series/s}, each optionally prefixed by {@code host:port } when several endpoints are
 * scraped. Values of one name are summed over labels (and endpoints).
 */
final class ScrapedMetrics {
    private final List<TimelineRecord> timeline;
    private final double intervalSeconds;

    ScrapedMetrics(List<TimelineRecord> timeline, double intervalSeconds) {
        this.timeline = timeline;
        this.intervalSeconds = intervalSeconds;
    }

    /** Whether any interval has any series of {@code name}. */
    boolean has(String name) {
        for (TimelineRecord r : timeline) {
            if (r.metrics() != null && sum(r.metrics(), name, false, l -> true) != null) {
                return true;
            }
            if (r.metrics() != null && sum(r.metrics(), name, true, l -> true) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The counter's rate per second in each interval (NaN where unknown): the scraped rate, or the
     * difference of the raw values when the scraper did not know it for a counter.
     */
    double[] rate(String name, Predicate<String> labels) {
        double[] out = new double[timeline.size()];
        Double previous = null;
        for (int i = 0; i < timeline.size(); i++) {
            Map<String, Double> m = timeline.get(i).metrics();
            Double rate = m == null ? null : sum(m, name, true, labels);
            Double raw = m == null ? null : sum(m, name, false, labels);
            if (rate != null) {
                out[i] = rate;
            } else if (raw != null && previous != null && raw >= previous) {
                out[i] = (raw - previous) / intervalSeconds;
            } else {
                out[i] = Double.NaN;
            }
            previous = raw;
        }
        return out;
    }

    double[] rate(String name) {
        return rate(name, l -> true);
    }

    /** The gauge in each interval (NaN where unknown). */
    double[] gauge(String name) {
        double[] out = new double[timeline.size()];
        for (int i = 0; i < timeline.size(); i++) {
            Map<String, Double> m = timeline.get(i).metrics();
            Double v = m == null ? null : sum(m, name, false, l -> true);
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    /** The label values of {@code label} on the series of {@code name}, e.g. the endpoints. */
    java.util.SortedSet<String> labelValues(String name, String label) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (TimelineRecord r : timeline) {
            if (r.metrics() == null) {
                continue;
            }
            for (String key : r.metrics().keySet()) {
                String series = stripPrefix(key);
                if (baseName(series).equals(name)) {
                    String v = labelValue(series, label);
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    static Predicate<String> labelIs(String label, String value) {
        return series -> value.equals(labelValue(series, label));
    }

    private static Double sum(Map<String, Double> metrics, String name, boolean rate, Predicate<String> labels) {
        Double total = null;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String series = stripPrefix(e.getKey());
            boolean isRate = series.endsWith("/s");
            if (isRate != rate) {
                continue;
            }
            if (isRate) {
                series = series.substring(0, series.length() - 2);
            }
            if (baseName(series).equals(name) && labels.test(series) && e.getValue() != null) {
                total = (total == null ? 0 : total) + e.getValue();
            }
        }
        return total;
    }

    /** Drops the {@code host:port } prefix of a scrape of several endpoints. */
    private static String stripPrefix(String key) {
        int brace = key.indexOf('{');
        int space = key.indexOf(' ');
        return space > 0 && (brace < 0 || space < brace) ? key.substring(space + 1) : key;
    }

    private static String baseName(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    static String labelValue(String series, String label) {
        String needle = label + "=\"";
        int at = series.indexOf('{');
        while (at >= 0) {
            int i = series.indexOf(needle, at);
            if (i < 0) {
                return null;
            }
            char before = series.charAt(i - 1);
            if (before == '{' || before == ',') {
                int start = i + needle.length();
                StringBuilder v = new StringBuilder();
                for (int j = start; j < series.length(); j++) {
                    char c = series.charAt(j);
                    if (c == '\\' && j + 1 < series.length()) {
                        v.append(series.charAt(++j));
                    } else if (c == '"') {
                        return v.toString();
                    } else {
                        v.append(c);
                    }
                }
                return null;
            }
            at = i + 1;
        }
        return null;
    }
}
