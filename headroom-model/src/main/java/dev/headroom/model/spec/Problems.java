package dev.headroom.model.spec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Collects problems while a spec is read, each located at the YAML node it concerns. Nodes put
 * in by {@code --set} are located in the override text rather than in the file.
 */
public final class Problems {
    /** SnakeYAML reads YAML 1.1, which also breaks lines at NEL, LS and PS: count lines as it does. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n\\u0085\\u2028\\u2029]");

    private final String source;
    private final List<String> lines;
    private final Map<Node, Origin> overrideOrigins = new IdentityHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Nodes reported as the wrong kind, with the path they were reported at (an alias may reach a node twice). */
    private final Map<Node, String> wrongKind = new IdentityHashMap<>();

    /** Where an overriding node came from: the whole {@code --set} argument and the value's offset in it. */
    record Origin(String argument, int valueOffset) {}

    public Problems(String source, String text) {
        this.source = source;
        this.lines = List.of(LINE_BREAK.split(text, -1));
    }

    void markOverride(Node node, String argument, int valueOffset) {
        overrideOrigins.put(node, new Origin(argument, valueOffset));
    }

    public void add(Node node, String path, String rule, String fix) {
        String value = node instanceof ScalarNode s ? s.getValue() : null;
        add(node, path, value, rule, fix);
    }

    public void add(Node node, String path, String value, String rule, String fix) {
        String wrongAt = wrongKind.get(node);
        if (wrongAt != null && path.startsWith(wrongAt)) {
            return;
        }
        if (node == null) {
            problems.add(new Problem(source, 0, 0, path, value, rule, fix, null));
            return;
        }
        Origin origin = overrideOrigins.get(node);
        Mark mark = node.getStartMark();
        if (origin != null) {
            int col = origin.valueOffset() + (mark == null ? 0 : mark.getColumn()) + 1;
            problems.add(new Problem("--set " + origin.argument(), 1, col, path, value, rule, fix, origin.argument()));
            return;
        }
        addAt(mark, path, value, rule, fix);
    }

    void addAt(Mark mark, String path, String value, String rule, String fix) {
        addAt(mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, path, value, rule, fix);
    }

    /** A problem at a 1-based line and column (in code points, as SnakeYAML counts them). */
    void addAt(int line, int col, String path, String value, String rule, String fix) {
        String text = line > 0 && line <= lines.size() ? lines.get(line - 1) : null;
        problems.add(new Problem(source, line, col, path, value, rule, fix, text));
    }

    /** A problem already located (one found before the text became nodes). */
    void add(Problem problem) {
        problems.add(problem);
    }

    /** A problem about the command line rather than a node (an override whose path does not exist). */
    void addArgument(String argument, int column, String path, String value, String rule, String fix) {
        problems.add(new Problem("--set " + argument, 1, column, path, value, rule, fix, argument));
    }

    /**
     * Marks a node already reported as the wrong kind (a value where a mapping belongs, say): what
     * is missing from it or wrong inside it follows from that one mistake, so it is not reported.
     */
    void wrongKind(Node node, String path) {
        wrongKind.put(node, path);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(problems);
    }

    boolean isOverride(Node node) {
        return overrideOrigins.containsKey(node);
    }

    public String source() {
        return source;
    }
}
