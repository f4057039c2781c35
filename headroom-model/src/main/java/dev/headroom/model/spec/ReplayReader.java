package dev.headroom.model.spec;

import dev.headroom.model.profile.Replay;
import dev.headroom.model.profile.Shape;
import dev.headroom.model.traffic.CsvTraffic;
import dev.headroom.model.traffic.Edge;
import dev.headroom.model.traffic.Meaning;
import dev.headroom.model.traffic.PrometheusTraffic;
import dev.headroom.model.traffic.Recording;
import dev.headroom.model.traffic.ReplayCurve;
import dev.headroom.model.traffic.ReplayOptions;
import dev.headroom.model.traffic.TrafficError;
import dev.headroom.model.traffic.TrafficException;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@code replay} shape: the file (CSV or a Prometheus range query's JSON, told apart by
 * its first character), what its values are, the window to keep and the scale. A problem in the
 * file is located in the file (its line and column); a key that does not fit the file is located
 * at the key.
 */
final class ReplayReader {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n]");
    /** A source line longer than this (minified JSON) is not echoed: the path and value locate the problem. */
    private static final int SHOWN_LINE_CHARS = 240;

    private final Problems problems;
    private final Path baseDir;

    ReplayReader(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    Optional<Shape> read(Fields f) {
        Optional<String> file = f.requiredScalar(
                "file", s -> s, "name a CSV or Prometheus JSON file of recorded traffic, such as file: dinner.csv");
        Optional<Meaning> value = f.scalar("value", ReplayReader::meaning);
        Optional<Double> period =
                f.scalar("period", Limits.PROFILE_SECONDS.number(s -> Quantities.durationNanos(s) / 1e9));
        if (period.isPresent() && !(period.get() > 0)) {
            problems.add(f.get("period").get(), f.pathOf("period"), "must be longer than zero", "write period: 1m");
            period = Optional.empty();
        }
        Optional<String> column = f.scalar("column", String::strip);
        Map<String, String> series = series(f);
        Optional<Double> scale = f.scalar("scale", Limits.SCALE.number(Quantities::factor));
        if (scale.isPresent() && !(scale.get() > 0)) {
            problems.add(
                    f.get("scale").get(),
                    f.pathOf("scale"),
                    "the scale must be more than zero",
                    "write a factor such as 1.5 (150% of the recording)");
            return Optional.empty();
        }
        Optional<Edge> from = f.scalar("from", Edge::parse);
        Optional<Edge> to = f.scalar("to", Edge::parse);
        if (file.isEmpty()
                || (f.has("value") && value.isEmpty())
                || (f.has("period") && period.isEmpty())
                || (f.has("from") && from.isEmpty())
                || (f.has("to") && to.isEmpty())
                || (f.has("scale") && scale.isEmpty())) {
            return Optional.empty();
        }
        Optional<Path> path = path(f, file.get());
        Optional<String> text = path.flatMap(p -> text(f, p));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String shown = shown(path.get());
        ReplayOptions options = new ReplayOptions(
                value, period.map(OptionalDouble::of).orElse(OptionalDouble.empty()), scale.orElse(1.0), from, to);
        try {
            Recording recording = recording(f, text.get(), column, series);
            return Optional.of(new Replay(file.get(), ReplayCurve.points(recording, options)));
        } catch (TrafficException e) {
            String[] lines = LINE_BREAK.split(text.get(), -1);
            for (TrafficError err : e.errors()) {
                String line = err.line() >= 1 && err.line() <= lines.length ? lines[err.line() - 1] : null;
                problems.add(new Problem(
                        shown,
                        err.line(),
                        err.column(),
                        err.field(),
                        err.value(),
                        err.rule(),
                        err.fix(),
                        line != null && line.length() <= SHOWN_LINE_CHARS ? line.replace("\uFEFF", "") : null));
            }
        } catch (ReplayCurve.KeyException e) {
            Node at = f.get(e.key()).orElse(f.get("file").get());
            problems.add(at, f.pathOf(f.has(e.key()) ? e.key() : "file"), e.rule(), e.fix());
        } catch (QuantityException e) {
            problems.add(f.get("series").orElse(f.node()), f.pathOf("series"), null, e.rule(), e.fix());
        }
        return Optional.empty();
    }

    private Recording recording(Fields f, String text, Optional<String> column, Map<String, String> series)
            throws TrafficException {
        boolean json = PrometheusTraffic.looksLikeJson(text);
        if (json && column.isPresent()) {
            problems.add(
                    f.get("column").get(),
                    f.pathOf("column"),
                    "column applies to CSV files, and this file is JSON",
                    "pick a series by its labels with series: {job: shop}, or remove column");
        }
        if (!json && !series.isEmpty()) {
            problems.add(
                    f.get("series").get(),
                    f.pathOf("series"),
                    null,
                    "series applies to Prometheus JSON files, and this file is CSV",
                    "name the CSV column with column: NAME, or remove series");
        }
        return json ? PrometheusTraffic.sum(PrometheusTraffic.read(text), series) : CsvTraffic.read(text, column);
    }

    private Map<String, String> series(Fields f) {
        Map<String, String> out = new LinkedHashMap<>();
        f.get("series").ifPresent(n -> {
            Fields labels = Fields.of(n, f.pathOf("series"), problems);
            for (String k : labels.keys()) {
                labels.scalar(k, s -> s).ifPresent(v -> out.put(k, v));
            }
            labels.finish();
        });
        return out;
    }

    private Optional<Path> path(Fields f, String file) {
        try {
            return Optional.of(baseDir.resolve(file));
        } catch (InvalidPathException e) {
            problems.add(
                    f.get("file").get(),
                    f.pathOf("file"),
                    "is not a valid file name",
                    "name a CSV or JSON file, such as dinner.csv");
            return Optional.empty();
        }
    }

    private Optional<String> text(Fields f, Path p) {
        Node at = f.get("file").get();
        try {
            long size = Files.size(p);
            if (size > Limits.FILE_BYTES.max()) {
                problems.add(
                        at,
                        f.pathOf("file"),
                        size + " bytes",
                        "the file is larger than " + Limits.FILE_BYTES.shown(),
                        "export a coarser period or a shorter range (" + Limits.FILE_BYTES.why() + ")");
                return Optional.empty();
            }
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            String reason = e instanceof IOException io ? FileErrors.reason(io) : "it cannot be read";
            problems.add(
                    at,
                    f.pathOf("file"),
                    "cannot read the file " + p + ": " + reason,
                    "give a path relative to the spec's directory");
            return Optional.empty();
        }
    }

    /** The file as a person finds it: relative to the working directory when it lies below it. */
    private static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    private static Meaning meaning(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(Meaning.values())
                .filter(m -> m.key().equals(v))
                .findFirst()
                .orElseThrow(() -> new QuantityException(
                        "unknown value",
                        "write value: rate (requests per second) or value: count (requests per period)"));
    }
}
