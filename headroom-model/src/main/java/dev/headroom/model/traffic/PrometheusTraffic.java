package dev.headroom.model.traffic;

import dev.headroom.model.spec.Limits;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the body of a Prometheus {@code /api/v1/query_range} response: a {@code matrix} of series,
 * each with its labels and {@code [time, "value"]} pairs. The values are rates per second, as a
 * {@code rate(...[1m])} query gives; {@link #sum} adds the series up (as PromQL's {@code sum}
 * does) or only those whose labels match a selector.
 */
public final class PrometheusTraffic {
    /** One series of the matrix: its labels and its samples in time order. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
        public Series {
            labels = Map.copyOf(labels);
            samples = List.copyOf(samples);
        }

        /** The labels as PromQL writes them: {@code {code="200", job="shop"}}. */
        public String describe() {
            return labels.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    private static final String FIX_BODY =
            "save the body of /api/v1/query_range as Prometheus returned it (curl 'http://prometheus:9090/api/v1/"
                    + "query_range?query=sum(rate(http_requests_total[1m]))&start=...&end=...&step=60')";

    private final List<TrafficError> errors = new ArrayList<>();
    private int samples;

    private PrometheusTraffic() {}

    /** Whether {@code text} looks like JSON rather than CSV: its first non-blank character opens an object. */
    public static boolean looksLikeJson(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return s.strip().startsWith("{");
    }

    /** Every series of the response in {@code text}. */
    public static List<Series> read(String text) throws TrafficException {
        LocatedJson root;
        try {
            root = LocatedJson.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (LocatedJson.SyntaxException e) {
            throw new TrafficException(new TrafficError(e.line, e.column, "", null, e.getMessage(), FIX_BODY));
        }
        PrometheusTraffic reader = new PrometheusTraffic();
        List<Series> series = reader.response(root);
        if (!reader.errors.isEmpty()) {
            throw new TrafficException(reader.errors);
        }
        return series;
    }

    private List<Series> response(LocatedJson root) {
        Optional<LocatedJson.Obj> top = object(root, "");
        if (top.isEmpty()) {
            return List.of();
        }
        Map<String, LocatedJson> f = top.get().fields();
        Optional<LocatedJson.Scalar> status = scalar(f.get("status"), "status", root);
        if (status.isEmpty()) {
            return List.of();
        }
        if (!status.get().text().equals("success")) {
            String why = text(f.get("errorType")) + ": " + text(f.get("error"));
            add(
                    status.get(),
                    "status",
                    status.get().text(),
                    status.get().text().equals("error")
                            ? "the query failed (" + why + ")"
                            : "the status is not success",
                    "fix the query and save a response whose status is success");
            return List.of();
        }
        Optional<LocatedJson.Obj> data =
                required(f.get("data"), "data", top.get()).flatMap(d -> object(d, "data"));
        if (data.isEmpty()) {
            return List.of();
        }
        Map<String, LocatedJson> d = data.get().fields();
        Optional<LocatedJson.Scalar> type = scalar(d.get("resultType"), "data.resultType", data.get());
        if (type.isEmpty()) {
            return List.of();
        }
        if (!type.get().text().equals("matrix")) {
            add(
                    type.get(),
                    "data.resultType",
                    type.get().text(),
                    "a range query's result is a matrix, this is a "
                            + type.get().text()
                            + (type.get().text().equals("vector") ? " (an instant query, /api/v1/query)" : ""),
                    "query /api/v1/query_range with start, end and step");
            return List.of();
        }
        Optional<LocatedJson.Arr> result =
                required(d.get("result"), "data.result", data.get()).flatMap(r -> array(r, "data.result"));
        if (result.isEmpty()) {
            return List.of();
        }
        if (result.get().items().isEmpty()) {
            add(
                    result.get(),
                    "data.result",
                    null,
                    "the query returned no series",
                    "check the query and its time range in Prometheus's graph page");
        }
        List<Series> out = new ArrayList<>();
        for (int i = 0; i < result.get().items().size() && errors.size() < CsvTraffic.MAX_ERRORS; i++) {
            series(result.get().items().get(i), "data.result[" + i + "]").ifPresent(out::add);
        }
        return out;
    }

    private Optional<Series> series(LocatedJson node, String path) {
        Optional<LocatedJson.Obj> obj = object(node, path);
        if (obj.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        LocatedJson metric = obj.get().fields().get("metric");
        if (metric != null) {
            object(metric, path + ".metric").ifPresent(m -> m.fields().forEach((k, v) -> {
                scalar(v, path + ".metric." + k, m).ifPresent(s -> labels.put(k, s.text()));
            }));
        }
        Optional<LocatedJson.Arr> values = required(obj.get().fields().get("values"), path + ".values", obj.get())
                .flatMap(v -> array(v, path + ".values"));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Sample> out = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        List<LocatedJson> items = values.get().items();
        for (int j = 0; j < items.size() && errors.size() < CsvTraffic.MAX_ERRORS; j++) {
            String p = path + ".values[" + j + "]";
            if (++samples > Limits.REPLAY_POINTS.max()) {
                add(
                        items.get(j),
                        p,
                        null,
                        "the response holds more than " + Limits.REPLAY_POINTS.shown() + " samples",
                        "query with a longer step or a shorter range (" + Limits.REPLAY_POINTS.why() + ")");
                return Optional.empty();
            }
            Optional<Sample> s = sample(items.get(j), p);
            if (s.isPresent() && s.get().atSeconds() <= last) {
                add(
                        items.get(j),
                        p,
                        null,
                        "the times of a series must increase",
                        "save the response as Prometheus returned it (each series sorted by time)");
            } else if (s.isPresent()) {
                last = s.get().atSeconds();
                out.add(s.get());
            }
        }
        return Optional.of(new Series(labels, out));
    }

    private Optional<Sample> sample(LocatedJson node, String path) {
        Optional<LocatedJson.Arr> pair = array(node, path);
        if (pair.isEmpty()) {
            return Optional.empty();
        }
        if (pair.get().items().size() != 2) {
            add(node, path, null, "a sample is a pair [time, \"value\"]", "write it as [1732788000, \"48.2\"]");
            return Optional.empty();
        }
        Optional<Double> time = number(pair.get().items().get(0), path + "[0]", "a time in epoch seconds");
        Optional<Double> value = number(pair.get().items().get(1), path + "[1]", "a rate per second");
        if (time.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() < 0) {
            add(
                    pair.get().items().get(1),
                    path + "[1]",
                    text(pair.get().items().get(1)),
                    "a rate cannot be negative",
                    "query a rate(), which is zero or more");
            return Optional.empty();
        }
        return Optional.of(new Sample(time.get(), value.get(), node.line(), node.column()));
    }

    private Optional<Double> number(LocatedJson node, String path, String what) {
        if (!(node instanceof LocatedJson.Scalar s)) {
            add(node, path, null, "must be " + what + ", not " + node.kind(), "write it as [1732788000, \"48.2\"]");
            return Optional.empty();
        }
        try {
            return Optional.of(Quantities.finite(Quantities.number(s.text())));
        } catch (QuantityException e) {
            add(
                    node,
                    path,
                    s.text(),
                    "not a number (" + what + ")",
                    s.text().matches("[-+]?(?i:nan|inf)")
                            ? "narrow the window with from: and to: to where the query" + " has values"
                            : "write it as [1732788000, \"48.2\"]");
            return Optional.empty();
        }
    }

    private Optional<LocatedJson.Obj> object(LocatedJson node, String path) {
        if (node instanceof LocatedJson.Obj o) {
            return Optional.of(o);
        }
        add(node, path, null, "must be an object, not " + node.kind(), FIX_BODY);
        return Optional.empty();
    }

    private Optional<LocatedJson.Arr> array(LocatedJson node, String path) {
        if (node instanceof LocatedJson.Arr a) {
            return Optional.of(a);
        }
        add(node, path, null, "must be a list, not " + node.kind(), FIX_BODY);
        return Optional.empty();
    }

    private Optional<LocatedJson.Scalar> scalar(LocatedJson node, String path, LocatedJson parent) {
        if (node == null) {
            add(parent, path, null, "is missing", FIX_BODY);
            return Optional.empty();
        }
        if (node instanceof LocatedJson.Scalar s) {
            return Optional.of(s);
        }
        add(node, path, null, "must be a single value, not " + node.kind(), FIX_BODY);
        return Optional.empty();
    }

    private Optional<LocatedJson> required(LocatedJson node, String path, LocatedJson parent) {
        if (node == null) {
            add(parent, path, null, "is missing", FIX_BODY);
        }
        return Optional.ofNullable(node);
    }

    private static String text(LocatedJson node) {
        return node instanceof LocatedJson.Scalar s ? s.text() : "?";
    }

    private void add(LocatedJson at, String path, String value, String rule, String fix) {
        errors.add(new TrafficError(at.line(), at.column(), path, value, rule, fix));
    }

    /**
     * The sum of the series whose labels include every pair of {@code selector} (all of them when it
     * is empty), at each time any of them has a sample; a series without a sample at a time adds
     * nothing there, as in PromQL's {@code sum}.
     *
     * @throws QuantityException if no series matches, naming the series there are
     */
    public static Recording sum(List<Series> all, Map<String, String> selector) {
        List<Series> chosen = all.stream()
                .filter(s -> s.labels().entrySet().containsAll(selector.entrySet()))
                .toList();
        if (chosen.isEmpty()) {
            String there = all.stream().limit(5).map(Series::describe).collect(Collectors.joining(", "));
            throw new QuantityException(
                    "no series has these labels",
                    "pick labels of one of the " + all.size() + " series: " + there + (all.size() > 5 ? ", ..." : ""));
        }
        TreeMap<Double, Sample> byTime = new TreeMap<>();
        for (Series s : chosen) {
            for (Sample x : s.samples()) {
                byTime.merge(
                        x.atSeconds(),
                        x,
                        (a, b) -> new Sample(a.atSeconds(), a.value() + b.value(), a.line(), a.column()));
            }
        }
        String name = chosen.size() == 1 ? chosen.get(0).describe() : "the sum of " + chosen.size() + " series";
        return new Recording(new ArrayList<>(byTime.values()), Optional.of(Meaning.RATE), true, name);
    }
}
