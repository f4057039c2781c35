package dev.headroom.model.spec;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The what-if mechanism: {@code --set path=value} replaces (or adds) one value of the spec before
 * it is validated, so an override is checked by exactly the same rules as the file. A path is
 * keys separated by dots; a list item is picked by its index or by its {@code name}
 * ({@code workload.classes.browse.weight=3} or {@code workload.classes[0].weight=3}). The value is
 * YAML, so {@code --set architecture.db.disk={iops: 6000, latency: 1ms}} works too.
 */
public final class Overrides {
    private Overrides() {}

    public static void apply(YamlDocument doc, List<String> overrides) {
        for (String arg : overrides) {
            Parsed parsed = parse(arg, doc.problems());
            Landing landing = parsed == null ? null : locate(doc.root(), parsed, doc.problems());
            if (landing != null) {
                land(doc.problems(), parsed, landing);
            }
        }
    }

    /** One {@code path=value} argument taken apart: its path segments and its value, composed. */
    record Parsed(String arg, List<String> segments, List<Integer> columns, String valueText, Node value) {}

    /**
     * Where an override lands, found without changing the tree, so that {@link SpecText} edits the
     * text at the very place this class edits the nodes.
     */
    sealed interface Landing permits Entry, Item, Missing {}

    /** A key the mapping has: its value is replaced. */
    record Entry(MappingNode mapping, NodeTuple tuple) implements Landing {}

    /** A list item, replaced. */
    record Item(SequenceNode list, int index) implements Landing {}

    /**
     * Keys to create: the first is missing from {@code mapping} (or written there with no value,
     * {@code empty}), each next one is a section created under the one before, and the last takes
     * the value. {@code firstSegment} is the index of the first key in the path.
     */
    record Missing(MappingNode mapping, NodeTuple empty, List<String> keys, int firstSegment) implements Landing {}

    /** The argument taken apart, or null after adding a problem saying why it cannot be. */
    static Parsed parse(String arg, Problems problems) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            problems.addArgument(
                    arg,
                    1,
                    "",
                    arg,
                    "an override must look like path=value",
                    "write it as --set architecture.pool.instances=8");
            return null;
        }
        String path = arg.substring(0, eq).trim();
        String valueText = arg.substring(eq + 1);
        List<String> segments = segments(path);
        if (segments.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
            problems.addArgument(
                    arg,
                    1,
                    path,
                    path,
                    "the path has an empty part",
                    "write keys separated by single dots, such as architecture.pool.instances");
            return null;
        }
        Problems scratch = new Problems("--set " + arg, valueText);
        Node value = YamlDocument.compose(valueText, scratch);
        if (!scratch.isEmpty() || value == null) {
            problems.addArgument(
                    arg,
                    eq + 2,
                    path,
                    valueText,
                    "the value is not valid YAML",
                    "quote it, or write a plain value such as 8, 250ms or round-robin");
            return null;
        }
        mark(problems, value, arg, eq + 1);
        return new Parsed(arg, segments, columns(arg, segments), valueText, value);
    }

    /** Where the override lands in the tree, or null after adding a problem saying why it cannot. */
    static Landing locate(Node root, Parsed p, Problems problems) {
        List<String> segments = p.segments();
        Node current = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            String here = walked.isEmpty() ? seg : walked + "." + seg;
            if (current instanceof MappingNode m) {
                NodeTuple tuple = find(m, seg);
                if (tuple != null && (last || !Fields.isNull(tuple.getValueNode()))) {
                    if (last) {
                        return new Entry(m, tuple);
                    }
                    current = tuple.getValueNode();
                } else if (tuple == null && !last && !knownSection(seg)) {
                    problems.addArgument(
                            p.arg(),
                            p.columns().get(i),
                            here,
                            seg,
                            "there is no '" + seg + "' under " + (walked.isEmpty() ? "the top of the spec" : walked),
                            Names.suggest(seg, keysOf(m)));
                    return null;
                } else {
                    return missing(m, tuple, p, i, here, problems);
                }
            } else if (current instanceof SequenceNode s) {
                Node item = item(s, seg);
                if (item == null) {
                    problems.addArgument(
                            p.arg(),
                            p.columns().get(i),
                            here,
                            seg,
                            "no list item has that index or name",
                            "use an index from 0 to " + (s.getValue().size() - 1) + " or an item's name" + names(s));
                    return null;
                }
                if (last) {
                    return new Item(s, s.getValue().indexOf(item));
                }
                current = item;
            } else {
                problems.addArgument(
                        p.arg(),
                        p.columns().get(i),
                        here,
                        seg,
                        (walked.isEmpty() ? "the spec" : walked) + " is a single value, so it has no '" + seg + "'",
                        walked.isEmpty() ? "write the spec as key: value lines" : "set " + walked + " itself");
                return null;
            }
            walked.setLength(0);
            walked.append(here);
        }
        throw new IllegalStateException("a path always ends at its last segment");
    }

    /**
     * The keys from segment {@code first} on, all created: every one but the last must be a section
     * a spec may leave out, as under a created section there is nothing else to find.
     */
    private static Landing missing(MappingNode m, NodeTuple empty, Parsed p, int first, String at, Problems problems) {
        List<String> segments = p.segments();
        String walked = at;
        for (int i = first + 1; i < segments.size(); i++) {
            String seg = segments.get(i);
            String here = walked + "." + seg;
            if (i < segments.size() - 1 && !knownSection(seg)) {
                problems.addArgument(
                        p.arg(),
                        p.columns().get(i),
                        here,
                        seg,
                        "there is no '" + seg + "' under " + walked,
                        Names.suggest(seg, List.of()));
                return null;
            }
            walked = here;
        }
        return new Missing(m, empty, segments.subList(first, segments.size()), first);
    }

    /** Changes the tree as the landing says. */
    private static void land(Problems problems, Parsed p, Landing landing) {
        if (landing instanceof Entry e) {
            replace(e.mapping(), e.tuple(), p.value());
        } else if (landing instanceof Item it) {
            it.list().getValue().set(it.index(), p.value());
        } else if (landing instanceof Missing miss) {
            MappingNode m = miss.mapping();
            NodeTuple empty = miss.empty();
            for (int k = 0; k < miss.keys().size(); k++) {
                String key = miss.keys().get(k);
                int column = p.columns().get(miss.firstSegment() + k);
                if (k == miss.keys().size() - 1) {
                    attach(problems, m, empty, key, p.value(), p.arg(), column);
                    return;
                }
                MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
                mark(problems, created, p.arg(), column - 1);
                attach(problems, m, empty, key, created, p.arg(), column);
                m = created;
                empty = null;
            }
        }
    }

    /** Adds {@code key: value} to the mapping, or fills the key written there empty (such as lb:). */
    private static void attach(
            Problems problems, MappingNode m, NodeTuple empty, String key, Node value, String arg, int column) {
        if (empty == null) {
            add(problems, m, key, value, arg, column);
        } else {
            replace(m, empty, value);
        }
    }

    /** Sections that a spec may leave out entirely and an override may create. */
    private static boolean knownSection(String seg) {
        return List.of("client", "lb", "cache", "db", "disk", "volume", "dbPool", "bufferPool", "goals", "keys")
                .contains(seg);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.", -1)) {
            out.add(part.trim());
        }
        return out;
    }

    private static NodeTuple find(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t;
            }
        }
        return null;
    }

    private static void replace(MappingNode m, NodeTuple old, Node value) {
        m.getValue().set(m.getValue().indexOf(old), new NodeTuple(old.getKeyNode(), value));
    }

    /** Adds {@code key: value}; the new key is located at its segment of the argument, like the value. */
    private static void add(Problems problems, MappingNode m, String key, Node value, String arg, int column) {
        ScalarNode keyNode = new ScalarNode(Tag.STR, key, null, null, DumperOptions.ScalarStyle.PLAIN);
        mark(problems, keyNode, arg, column - 1);
        m.getValue().add(new NodeTuple(keyNode, value));
    }

    /** The 1-based column of each path segment in the argument, so a problem points at its segment. */
    private static List<Integer> columns(String arg, List<String> segments) {
        List<Integer> columns = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < segments.size(); i++) {
            int at = arg.indexOf(segments.get(i), from);
            if (at < 0) {
                at = from; // a segment such as 0x from [0]x is not in the text as written
            } else {
                from = at + segments.get(i).length();
            }
            columns.add(at + 1);
        }
        return List.copyOf(columns);
    }

    private static Node item(SequenceNode s, String seg) {
        if (seg.chars().allMatch(Character::isDigit) && seg.length() < 9) {
            int idx = Integer.parseInt(seg);
            return idx < s.getValue().size() ? s.getValue().get(idx) : null;
        }
        for (Node n : s.getValue()) {
            if (n instanceof MappingNode m) {
                NodeTuple t = find(m, "name");
                if (t != null
                        && t.getValueNode() instanceof ScalarNode v
                        && v.getValue().equals(seg)) {
                    return n;
                }
            }
        }
        return null;
    }

    private static String names(SequenceNode s) {
        List<String> names = new ArrayList<>();
        for (Node n : s.getValue()) {
            if (n instanceof MappingNode m) {
                NodeTuple t = find(m, "name");
                if (t != null && t.getValueNode() instanceof ScalarNode v) {
                    names.add(v.getValue());
                }
            }
        }
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static List<String> keysOf(MappingNode m) {
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
            }
        }
        return keys;
    }

    private static void mark(Problems problems, Node node, String arg, int offset) {
        if (problems.isOverride(node)) {
            return; // an alias seen before: a value like &a [*a] contains itself
        }
        problems.markOverride(node, arg, offset);
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                mark(problems, t.getKeyNode(), arg, offset);
                mark(problems, t.getValueNode(), arg, offset);
            }
        } else if (node instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                mark(problems, n, arg, offset);
            }
        }
    }
}
