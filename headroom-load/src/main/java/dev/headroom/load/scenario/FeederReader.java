package dev.headroom.load.scenario;

import dev.headroom.load.template.FeederSpec;
import dev.headroom.model.spec.Fields;
import dev.headroom.model.spec.Problems;
import dev.headroom.model.units.Quantities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code feeders:}, a mapping of names to sources: {@code {csv: users.csv, order: random}}
 * (sequential, random or unique), {@code {counter: 1000}}, {@code uuid}, or
 * {@code {random: {min: 1, max: 100000}}}.
 */
final class FeederReader {
    static final List<String> KINDS = List.of("csv", "counter", "uuid", "random");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final int MAX_ROWS = 10_000_000;

    private final Problems problems;
    private final Path baseDir;
    private final java.util.Set<String> declared = new java.util.HashSet<>();

    FeederReader(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    Map<String, FeederSpec> read(Fields root) {
        Map<String, FeederSpec> out = new TreeMap<>();
        Optional<Node> node = root.get("feeders");
        if (node.isEmpty()) {
            return out;
        }
        Fields f = Fields.of(node.get(), "feeders", problems);
        declared.addAll(f.keys());
        for (String name : f.keys()) {
            Node value = f.get(name).orElse(null);
            if (!NAME.matcher(name).matches()) {
                problems.add(
                        f.tuple(name).getKeyNode(),
                        f.pathOf(name),
                        name,
                        "a feeder's name must be a plain identifier",
                        "use letters, digits, _ and -, such as product");
                continue;
            }
            if (value == null) {
                problems.add(f.tuple(name).getKeyNode(), f.pathOf(name), name, "names no source", fixKinds());
                continue;
            }
            feeder(value, f.pathOf(name)).ifPresent(spec -> out.put(name, spec));
        }
        return out;
    }

    /** Every feeder name written, including those whose source could not be read (already reported). */
    java.util.Set<String> declared() {
        return declared;
    }

    private Optional<FeederSpec> feeder(Node node, String path) {
        if (node instanceof ScalarNode s) {
            return switch (s.getValue().trim()) {
                case "uuid" -> Optional.of(new FeederSpec.Uuid());
                case "counter" -> Optional.of(new FeederSpec.Counter(1));
                default -> {
                    problems.add(node, path, "unknown feeder", fixKinds());
                    yield Optional.empty();
                }
            };
        }
        Fields f = Fields.of(node, path, problems);
        List<String> present = f.keys().stream().filter(KINDS::contains).toList();
        KINDS.forEach(f::has);
        Optional<FeederSpec> out = Optional.empty();
        if (present.size() != 1) {
            problems.add(node, path, "must name exactly one source", fixKinds());
        } else {
            String kind = present.get(0);
            Node v = f.get(kind).orElse(null);
            out = switch (kind) {
                case "csv" -> csv(f, v);
                case "counter" -> Optional.ofNullable(v)
                        .flatMap(n -> Fields.parseScalar(n, f.pathOf("counter"), Quantities::wholeNumber, problems))
                        .or(() -> Optional.of(1L))
                        .map(FeederSpec.Counter::new);
                case "uuid" -> Optional.of(new FeederSpec.Uuid());
                default -> random(v, f.pathOf("random"));
            };
        }
        if (!present.contains("csv")) {
            f.has("order");
        }
        f.finish();
        return out;
    }

    private Optional<FeederSpec> csv(Fields f, Node fileNode) {
        FeederSpec.Order order = f.scalar(
                        "order",
                        s -> FeederSpec.Order.valueOf(ScenarioLoader.oneOf(s, List.of("sequential", "random", "unique"))
                                .toUpperCase(Locale.ROOT)))
                .orElse(FeederSpec.Order.SEQUENTIAL);
        if (fileNode == null) {
            problems.add(
                    f.node(), f.pathOf("csv"), "names no file", "write csv: products.csv (relative to the scenario)");
            return Optional.empty();
        }
        Optional<String> file = Fields.parseScalar(fileNode, f.pathOf("csv"), String::trim, problems);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path p = baseDir.resolve(file.get());
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            problems.add(
                    fileNode, f.pathOf("csv"), "cannot read the file " + p, "give a path relative to the scenario");
            return Optional.empty();
        }
        lines.removeIf(l -> l.isBlank());
        if (lines.size() < 2) {
            problems.add(
                    fileNode,
                    f.pathOf("csv"),
                    "a CSV feeder needs a header line naming the columns and at least one row",
                    "write a first line such as id,name, then one line per row");
            return Optional.empty();
        }
        List<String> columns =
                Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size() && i <= MAX_ROWS; i++) {
            List<String> row =
                    Arrays.stream(lines.get(i).split(",", -1)).map(String::trim).toList();
            if (row.size() != columns.size()) {
                problems.add(
                        fileNode,
                        f.pathOf("csv"),
                        file.get() + ":" + (i + 1) + ": " + lines.get(i),
                        "the line has " + row.size() + " values but the header names " + columns.size() + " columns",
                        "give every line one value per column (quoted commas are not supported)");
                return Optional.empty();
            }
            rows.add(row);
        }
        return Optional.of(new FeederSpec.Csv(file.get(), columns, rows, order));
    }

    private Optional<FeederSpec> random(Node node, String path) {
        if (node == null) {
            problems.add(null, path, "needs a range", "write random: {min: 1, max: 100000}");
            return Optional.empty();
        }
        Fields f = Fields.of(node, path, problems);
        Optional<Long> min =
                f.requiredScalar("min", Quantities::wholeNumber, "give the smallest value, such as min: 1");
        Optional<Long> max =
                f.requiredScalar("max", Quantities::wholeNumber, "give the largest value, such as max: 100000");
        f.finish();
        if (min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        if (max.get() < min.get()) {
            problems.add(f.get("max").get(), f.pathOf("max"), "must not be below min", "set max at or above min");
            return Optional.empty();
        }
        return Optional.of(new FeederSpec.RandomInt(min.get(), max.get()));
    }

    private static String fixKinds() {
        return "write one of: {csv: file.csv, order: sequential|random|unique}, {counter: 1}, uuid,"
                + " {random: {min: 1, max: 1000}}";
    }
}
