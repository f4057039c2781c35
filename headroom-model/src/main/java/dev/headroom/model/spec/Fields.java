package dev.headroom.model.spec;

import dev.headroom.model.units.QuantityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the keys of one YAML mapping. Every key asked for becomes known; {@link #finish()} reports
 * the keys nobody asked for, with the closest known key as a suggestion. Values that fail to
 * parse are reported and read as absent, so one pass finds every problem in the file.
 */
public final class Fields {
    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    /** Required keys that are missing, with their fixes; reported by {@link #finish()}. */
    private final Map<String, String> missing = new LinkedHashMap<>();

    private Fields(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Fields of {@code node}, which must be a mapping; otherwise a problem and an empty reader. */
    public static Fields of(Node node, String path, Problems problems) {
        Fields f = new Fields(node, path, problems);
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problems.add(
                            t.getKeyNode(),
                            path,
                            null,
                            "keys must be plain names",
                            "write the key as a name, such as rate");
                    continue;
                }
                NodeTuple previous = f.entries.putIfAbsent(k.getValue(), t);
                if (previous != null && !problems.isOverride(t.getValueNode())) {
                    problems.add(
                            k, join(path, k.getValue()), k.getValue(), "the key appears twice", "keep one of the two");
                }
            }
        } else if (node != null && !isNull(node)) {
            problems.add(
                    node,
                    path,
                    "must be a mapping of keys to values",
                    "write it as key: value lines under " + (path.isEmpty() ? "the top" : path));
            problems.wrongKind(node, path);
        }
        return f;
    }

    public static boolean isNull(Node n) {
        return n instanceof ScalarNode s
                && (s.getTag().getValue().endsWith(":null")
                        || s.getValue().equals("~")
                        || s.getValue().isEmpty())
                && s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
    }

    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Node node() {
        return node;
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return join(path, key);
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        return t != null && !isNull(t.getValueNode());
    }

    /** The value node of {@code key}, if present and not null. */
    public Optional<Node> get(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(t.getValueNode());
    }

    /** The value node of {@code key}; a "missing" problem if absent (reported by {@link #finish()}). */
    public Optional<Node> require(String key, String fix) {
        Optional<Node> n = get(key);
        if (n.isEmpty()) {
            missing.put(key, fix);
        }
        return n;
    }

    /** Parses a scalar with {@code parser}; reports a {@link QuantityException} as a problem. */
    public <T> Optional<T> scalar(String key, Function<String, T> parser) {
        return get(key).flatMap(n -> parseScalar(n, pathOf(key), parser, problems));
    }

    public <T> Optional<T> requiredScalar(String key, Function<String, T> parser, String fix) {
        return require(key, fix).flatMap(n -> parseScalar(n, pathOf(key), parser, problems));
    }

    public static <T> Optional<T> parseScalar(Node n, String path, Function<String, T> parser, Problems problems) {
        if (!(n instanceof ScalarNode s)) {
            problems.add(
                    n,
                    path,
                    null,
                    "must be a single value, not a " + (n instanceof SequenceNode ? "list" : "mapping"),
                    "write one value after the colon");
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(s.getValue()));
        } catch (QuantityException e) {
            problems.add(n, path, s.getValue(), e.rule(), e.fix());
            return Optional.empty();
        }
    }

    /** Items of a list value; a problem if the value is not a list. */
    public List<Node> list(String key) {
        return get(key).map(n -> items(n, pathOf(key), problems)).orElse(List.of());
    }

    public static List<Node> items(Node n, String path, Problems problems) {
        if (n instanceof SequenceNode s) {
            return new ArrayList<>(s.getValue());
        }
        problems.add(n, path, "must be a list", "write each item on its own line starting with '- '");
        problems.wrongKind(n, path);
        return List.of();
    }

    /**
     * Reports the missing required keys, then every key that was never asked for. A required key
     * that an unknown key looks like a typo of is not reported twice: the unknown key's "did you
     * mean" says it.
     */
    public void finish() {
        Map<String, String> unexplained = new LinkedHashMap<>(missing);
        for (String key : entries.keySet()) {
            if (!known.contains(key)) {
                Names.closest(key, known).ifPresent(unexplained::remove);
            }
        }
        unexplained.forEach((key, fix) -> problems.add(node, pathOf(key), null, "is required", fix));
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(
                        e.getValue().getKeyNode(),
                        pathOf(e.getKey()),
                        e.getKey(),
                        "unknown key",
                        Names.suggest(e.getKey(), known));
            }
        }
    }

    /** The keys present, in document order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    public NodeTuple tuple(String key) {
        return entries.get(key);
    }
}
