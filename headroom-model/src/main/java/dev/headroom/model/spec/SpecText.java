package dev.headroom.model.spec;

import dev.headroom.model.spec.Overrides.Entry;
import dev.headroom.model.spec.Overrides.Item;
import dev.headroom.model.spec.Overrides.Landing;
import dev.headroom.model.spec.Overrides.Missing;
import dev.headroom.model.spec.Overrides.Parsed;
import java.io.StringWriter;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A spec file's text with {@code --set} overrides written into it, so a chosen configuration can
 * be saved as a spec that still reads like the user's file: each override changes only the
 * characters of the value it replaces (or adds one line, or one {@code , key: value}), and
 * comments and layout stay as they were. Where an override lands is found by {@link Overrides}'
 * own walk, so the text and the {@code --set} mechanism cannot disagree.
 *
 * <p>The edited text is composed again and compared with the overridden node tree; if an override
 * cannot be placed in the text, or the text does not come back as the same tree, the whole file is
 * written from the tree instead, in block style, under a comment saying its comments were lost.
 */
public final class SpecText {
    /** The first line of a spec written from the tree, when the text could not be edited in place. */
    public static final String REWRITTEN_NOTE =
            "# Written by headroom with the overrides applied; the original comments and layout could not be kept.";

    /** Past this many nodes compared, the check gives up and the tree is written instead (aliases can multiply). */
    private static final int MAX_NODES_COMPARED = 100_000;

    private SpecText() {}

    /**
     * The text with every override applied in place, or the overridden spec written out afresh
     * when that is not possible. Throws the problems {@link SpecLoader} reports for a text that is
     * not YAML or an override that cannot be applied; whether the values are valid for a spec is
     * left to loading the result.
     */
    public static String withOverrides(String source, String text, List<String> overrides) throws SpecException {
        YamlDocument expected = YamlDocument.parse(source, text);
        if (expected.root() != null) {
            Overrides.apply(expected, overrides);
        }
        if (expected.root() == null || !expected.problems().isEmpty()) {
            throw new SpecException(expected.problems().list());
        }
        String edited = edited(source, text, overrides);
        if (edited != null) {
            YamlDocument again = YamlDocument.parse(source, edited);
            if (again.problems().isEmpty() && same(expected.root(), again.root(), new int[] {0})) {
                return edited;
            }
        }
        return rewritten(expected.root(), lineSeparator(text));
    }

    /** The text with the overrides applied one after another, or null if one cannot be placed. */
    private static String edited(String source, String text, List<String> overrides) {
        String current = text;
        for (String arg : overrides) {
            YamlDocument doc = YamlDocument.parse(source, current);
            if (doc.root() == null || !doc.problems().isEmpty()) {
                return null;
            }
            Parsed parsed = Overrides.parse(arg, doc.problems());
            Landing landing = parsed == null ? null : Overrides.locate(doc.root(), parsed, doc.problems());
            String value = parsed == null ? "" : parsed.valueText().strip();
            if (landing == null || value.contains("\n") || value.contains("\r")) {
                return null;
            }
            List<Edit> edits = new Places(current).edits(landing, value);
            if (edits == null) {
                return null;
            }
            current = Edit.apply(current, edits);
        }
        return current;
    }

    /** Characters {@code [from, to)} of the text, replaced by {@code with}. */
    private record Edit(int from, int to, String with) {
        static String apply(String text, List<Edit> edits) {
            StringBuilder out = new StringBuilder(text);
            edits.stream()
                    .sorted(Comparator.comparingInt(Edit::from).reversed())
                    .forEach(e -> out.replace(e.from(), e.to(), e.with()));
            return out.toString();
        }
    }

    /** Positions in one text, in Java chars (SnakeYAML's marks count code points). */
    private static final class Places {
        private final String text;
        private final boolean surrogates;
        private final String newline;

        Places(String text) {
            this.text = text;
            this.surrogates = text.codePointCount(0, text.length()) != text.length();
            this.newline = lineSeparator(text);
        }

        /** The edits that land the override, or null when it cannot be placed in the text. */
        List<Edit> edits(Landing landing, String value) {
            if (landing instanceof Entry e) {
                return replace(e.tuple().getValueNode(), e.tuple().getKeyNode(), value);
            } else if (landing instanceof Item it) {
                return replace(it.list().getValue().get(it.index()), null, value);
            } else if (landing instanceof Missing miss) {
                return miss.empty() == null
                        ? add(miss.mapping(), miss.keys(), value)
                        : fill(
                                miss.mapping(),
                                miss.empty(),
                                miss.keys().subList(1, miss.keys().size()),
                                value);
            }
            return null;
        }

        /** A value replaced: its characters, or for a block mapping or list, everything after the key's colon. */
        private List<Edit> replace(Node old, Node key, String value) {
            if (old instanceof ScalarNode s && isBlockScalar(s)) {
                return null;
            }
            if (isBlock(old)) {
                int end = end(old);
                if (end < 0) {
                    return null;
                }
                if (key == null) {
                    return List.of(new Edit(at(old.getStartMark()), end, value));
                }
                int colon = colonAfter(key);
                return colon < 0 ? null : List.of(new Edit(colon + 1, end, " " + value));
            }
            int from = at(old.getStartMark());
            int to = at(old.getEndMark());
            return List.of(new Edit(from, to, from == to ? " " + value : value));
        }

        /** A key the mapping does not have, with any sections it needs, after the mapping's last entry. */
        private List<Edit> add(MappingNode m, List<String> keys, String value) {
            List<NodeTuple> tuples = m.getValue();
            if (m.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                if (tuples.isEmpty()) {
                    int close = at(m.getEndMark()) - 1;
                    return List.of(new Edit(close, close, flow(keys, value)));
                }
                int after = at(tuples.get(tuples.size() - 1).getValueNode().getEndMark());
                return List.of(new Edit(after, after, ", " + flow(keys, value)));
            }
            int end = tuples.isEmpty() ? -1 : end(tuples.get(tuples.size() - 1).getValueNode());
            if (end < 0) {
                return null;
            }
            int eol = lineEnd(end);
            return List.of(new Edit(eol, eol, block(indentOf(tuples.get(0).getKeyNode()), keys, value)));
        }

        /** A section written with no value ({@code lb:} or {@code lb: ~}) given the keys under it. */
        private List<Edit> fill(MappingNode m, NodeTuple empty, List<String> keys, String value) {
            Node old = empty.getValueNode();
            int from = at(old.getStartMark());
            int to = at(old.getEndMark());
            if (m.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                String flow = "{" + flow(keys, value) + "}";
                return List.of(new Edit(from, to, from == to ? " " + flow : flow));
            }
            while (from > 0 && (text.charAt(from - 1) == ' ' || text.charAt(from - 1) == '\t')) {
                from--; // no trailing space where a ~ was
            }
            int eol = lineEnd(to);
            String lines = block(indentOf(empty.getKeyNode()) + "  ", keys, value);
            return List.of(new Edit(from, to, ""), new Edit(eol, eol, lines));
        }

        /** {@code a: {b: value}} for keys a, b. */
        private static String flow(List<String> keys, String value) {
            String inner = value;
            for (int i = keys.size() - 1; i > 0; i--) {
                inner = "{" + keys.get(i) + ": " + inner + "}";
            }
            return keys.get(0) + ": " + inner;
        }

        /** New lines, each starting with the newline: the keys nested two spaces deeper each. */
        private String block(String indent, List<String> keys, String value) {
            StringBuilder out = new StringBuilder();
            String here = indent;
            for (int i = 0; i < keys.size(); i++) {
                out.append(newline).append(here).append(keys.get(i)).append(':');
                if (i == keys.size() - 1) {
                    out.append(' ').append(value);
                }
                here += "  ";
            }
            return out.toString();
        }

        /** The spaces before a block key: as many as the characters before it on its line ("- " counts). */
        private String indentOf(Node key) {
            int at = at(key.getStartMark());
            int lineStart = at;
            while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
                lineStart--;
            }
            return " ".repeat(at - lineStart);
        }

        /** The char index of the ':' after a key, or -1. */
        private int colonAfter(Node key) {
            int i = at(key.getEndMark());
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return i < text.length() && text.charAt(i) == ':' ? i : -1;
        }

        /** Where the line holding char index {@code i} ends, before its line break. */
        private int lineEnd(int i) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return text.length();
            }
            return nl > i && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        }

        /**
         * The char index just past a node's last character, or -1 when that is not known: a block
         * collection's own end mark is where the next token starts, past comments and blank lines.
         */
        private int end(Node n) {
            if (n instanceof MappingNode m && isBlock(m)) {
                List<NodeTuple> tuples = m.getValue();
                return tuples.isEmpty() ? -1 : end(tuples.get(tuples.size() - 1).getValueNode());
            }
            if (n instanceof SequenceNode s && isBlock(s)) {
                List<Node> items = s.getValue();
                return items.isEmpty() ? -1 : end(items.get(items.size() - 1));
            }
            if (n instanceof ScalarNode s && isBlockScalar(s)) {
                return -1; // its end mark is past its trailing line breaks
            }
            return at(n.getEndMark());
        }

        private int at(Mark mark) {
            return surrogates ? text.offsetByCodePoints(0, mark.getIndex()) : mark.getIndex();
        }
    }

    private static boolean isBlock(Node n) {
        return n instanceof CollectionNode<?> c && c.getFlowStyle() != DumperOptions.FlowStyle.FLOW;
    }

    private static boolean isBlockScalar(ScalarNode s) {
        return s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED;
    }

    /** Whether two trees hold the same YAML: kinds, tags and values, keys in the same order. */
    private static boolean same(Node a, Node b, int[] compared) {
        if (++compared[0] > MAX_NODES_COMPARED) {
            return false;
        }
        if (a instanceof ScalarNode x && b instanceof ScalarNode y) {
            return x.getTag().equals(y.getTag()) && x.getValue().equals(y.getValue());
        }
        if (a instanceof SequenceNode x && b instanceof SequenceNode y) {
            if (!x.getTag().equals(y.getTag())
                    || x.getValue().size() != y.getValue().size()) {
                return false;
            }
            for (int i = 0; i < x.getValue().size(); i++) {
                if (!same(x.getValue().get(i), y.getValue().get(i), compared)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof MappingNode x && b instanceof MappingNode y) {
            if (!x.getTag().equals(y.getTag())
                    || x.getValue().size() != y.getValue().size()) {
                return false;
            }
            for (int i = 0; i < x.getValue().size(); i++) {
                NodeTuple s = x.getValue().get(i);
                NodeTuple t = y.getValue().get(i);
                if (!same(s.getKeyNode(), t.getKeyNode(), compared)
                        || !same(s.getValueNode(), t.getValueNode(), compared)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The tree written out in block style under {@link #REWRITTEN_NOTE}. */
    private static String rewritten(Node root, String newline) {
        blockStyle(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setLineBreak(newline.equals("\r\n") ? DumperOptions.LineBreak.WIN : DumperOptions.LineBreak.UNIX);
        StringWriter out = new StringWriter();
        out.write(REWRITTEN_NOTE + newline);
        new Yaml(options).serialize(root, out);
        return out.toString();
    }

    private static void blockStyle(Node n, Set<Node> seen) {
        if (!(n instanceof CollectionNode<?> c) || !seen.add(n)) {
            return; // a node reached again through an alias is done already
        }
        c.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                blockStyle(t.getKeyNode(), seen);
                blockStyle(t.getValueNode(), seen);
            }
        } else if (n instanceof SequenceNode s) {
            s.getValue().forEach(child -> blockStyle(child, seen));
        }
    }

    private static String lineSeparator(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }
}
