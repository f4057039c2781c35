package dev.headroom.model.spec;

import java.util.Locale;

/**
 * One thing wrong with a spec: where (source, 1-based line and column, path in the document),
 * the offending value, the rule it broke and how to fix it. {@code sourceLine} is the text of
 * the line, shown with a caret under the column.
 */
public record Problem(
        String source, int line, int column, String path, String value, String rule, String fix, String sourceLine) {

    /** The message a person reads: location, path and value, rule, the line with a caret, the fix. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path);
            if (value != null) {
                sb.append(" = ").append(quote(value));
            }
            sb.append(": ");
        } else if (value != null) {
            sb.append(quote(value)).append(": ");
        }
        sb.append(rule);
        if (sourceLine != null && !sourceLine.isBlank()) {
            sb.append(System.lineSeparator()).append("    ").append(sourceLine.stripTrailing());
            sb.append(System.lineSeparator())
                    .append("    ")
                    .append(" ".repeat(Math.max(0, column - 1)))
                    .append('^');
        }
        if (fix != null && !fix.isEmpty()) {
            sb.append(System.lineSeparator()).append("    fix: ").append(fix);
        }
        return sb.toString();
    }

    private static String quote(String v) {
        return v.length() > 60 ? "'" + v.substring(0, 57) + "...'" : "'" + v + "'";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s:%d:%d %s %s", source, line, column, path, rule);
    }
}
