package dev.headroom.model.spec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.Token;

/** A YAML text composed into nodes that keep their positions, with the problems found so far. */
public final class YamlDocument {

    /** The text of a spec file, or a located problem saying it cannot be read. */
    public static String readFile(Path file) throws SpecException {
        try {
            // Checked before reading: a 50 MB file of comments is otherwise read whole, then parsed.
            long size = Files.size(file);
            if (size > Limits.FILE_BYTES.max()) {
                throw new SpecException(List.of(tooLarge(file.toString(), size + " bytes")));
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(List.of(new Problem(
                    file.toString(),
                    0,
                    0,
                    "",
                    null,
                    "cannot read the file: " + FileErrors.reason(e),
                    "check the path and that the file is readable",
                    null)));
        }
    }

    /** The directory that paths inside a spec file (replay curves, feeders) are relative to. */
    public static Path baseDirOf(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of(".") : dir;
    }

    private static final int MAX_CODE_POINTS = (int) Limits.FILE_BYTES.max();

    private Node root;
    private final Problems problems;

    private YamlDocument(Node root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    public static YamlDocument parse(String source, String text) {
        Problems problems = new Problems(source, text.length() > Limits.FILE_BYTES.max() ? "" : text);
        if (text.length() > Limits.FILE_BYTES.max()) {
            problems.add(tooLarge(source, text.length() + " characters"));
            return new YamlDocument(null, problems);
        }
        Node root = longLine(text, problems) ? null : compose(text, problems);
        if (root == null && problems.isEmpty()) {
            problems.add(null, "", null, "the spec is empty", "start from one of the files under examples/");
        }
        return new YamlDocument(root, problems);
    }

    private static Problem tooLarge(String source, String value) {
        return new Problem(
                source,
                0,
                0,
                "",
                value,
                "the file is larger than " + Limits.FILE_BYTES.shown(),
                "split it, or remove what it does not need (" + Limits.FILE_BYTES.why() + ")",
                null);
    }

    /**
     * Whether a line is longer than {@link Limits#SCALAR_CHARS} (and a problem at its first
     * character past the bound): SnakeYAML's reader takes quadratic time over one huge scalar, so
     * a 5 MB value would keep it busy for minutes. Checked before parsing, in linear time.
     */
    static boolean longLine(String text, Problems problems) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > Limits.SCALAR_CHARS.max()) {
                    // The line itself is not quoted back: it is what is too long to print.
                    problems.add(new Problem(
                            problems.source(),
                            line,
                            (int) Limits.SCALAR_CHARS.max() + 1,
                            "",
                            (i - start) + " characters",
                            "the line is longer than " + Limits.SCALAR_CHARS.shown(),
                            "shorten the value (" + Limits.SCALAR_CHARS.why() + ")",
                            null));
                    return true;
                }
                line++;
                start = i + 1;
            }
        }
        return false;
    }

    /** Composes YAML text into a node tree; a syntax error becomes a located problem and null. */
    static Node compose(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String rule = "YAML syntax error: " + (e.getProblem() == null ? "unreadable" : e.getProblem());
            if (e.getContext() != null) {
                rule += " (" + e.getContext() + ")";
            }
            problems.addAt(
                    mark,
                    "",
                    null,
                    rule,
                    "check indentation (spaces, not tabs), colons after keys and closing brackets");
            return null;
        } catch (ReaderException e) {
            addForbiddenCharacter(text, problems);
            return null;
        } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
            // Some scanner errors carry no position: find where the scanner stops on the same text.
            Mark mark = scannerStop(text, options);
            String rule = "YAML syntax error: " + e.getMessage();
            String fix = "check indentation (spaces, not tabs), colons after keys and closing brackets";
            if (mark != null) {
                problems.addAt(mark, "", null, rule, fix);
            } else {
                problems.add(null, "", null, rule, fix);
            }
            return null;
        } catch (StackOverflowError e) {
            problems.add(null, "", null, "the YAML is nested too deeply", "flatten the document");
            return null;
        }
    }

    /** Where SnakeYAML's scanner stopped on the text, or null when it read the whole text. */
    private static Mark scannerStop(String text, LoaderOptions options) {
        StreamReader reader = new StreamReader(text);
        try {
            ScannerImpl scanner = new ScannerImpl(reader, options);
            while (!scanner.checkToken(Token.ID.StreamEnd)) {
                scanner.getToken();
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return reader.getMark();
        }
    }

    /**
     * SnakeYAML's reader reports a character YAML forbids (a control character, say) with a
     * position inside its buffer, not in the text; find the character to locate the problem.
     */
    private static void addForbiddenCharacter(String text, Problems problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                problems.addAt(
                        line,
                        column,
                        "",
                        String.format(Locale.ROOT, "U+%04X", c),
                        "YAML syntax error: this character is not allowed in YAML",
                        "delete it; inside double quotes write it as an escape such as \\u0007");
                return;
            }
            boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (!crlf && (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
                line++;
                column = 1;
            } else if (!crlf) {
                column++;
            }
        }
        problems.add(null, "", null, "YAML syntax error: a character is not allowed in YAML", "delete it");
    }

    public Node root() {
        return root;
    }

    public Problems problems() {
        return problems;
    }
}
