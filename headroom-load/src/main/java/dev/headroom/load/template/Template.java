package dev.headroom.load.template;

import java.util.List;

/**
 * A text with {@code ${name}} (a generated value) and {@code ${name.column}} (a column of a CSV
 * feeder's row) placeholders, already resolved against the scenario's feeders. In a journey,
 * {@code ${name}} may also be a value an earlier step extracted, and in a header value
 * {@code ${env.NAME}} an environment variable read at load time. {@code $$} writes a dollar sign.
 * {@code text} is always the text as written, so it never holds a secret.
 */
public record Template(String text, List<Part> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    /** A template with no placeholders. */
    public static Template literal(String text) {
        return new Template(text, text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    /** Whether the text is the same on every send (literals and environment values only). */
    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof Literal || p instanceof Secret);
    }

    /** Appends the text with every placeholder filled from {@code draw}. */
    public void render(Draw draw, StringBuilder out) {
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Variable v) {
                out.append(draw.value(v.feeder(), v.column()));
            } else if (p instanceof Extracted x) {
                out.append(draw.extracted(x.slot()));
            } else if (p instanceof Secret e) {
                out.append(e.value());
            }
        }
    }

    /** One piece of a template. */
    public sealed interface Part permits Literal, Variable, Extracted, Secret {}

    /** Text written as it is. */
    public record Literal(String text) implements Part {}

    /** A placeholder: the {@code column} (0 for generated values) of feeder number {@code feeder}. */
    public record Variable(String name, int feeder, int column) implements Part {}

    /** A value an earlier step of the journey extracted: variable number {@code slot} of the session. */
    public record Extracted(String name, int slot) implements Part {}

    /**
     * An environment variable's value, read when the scenario was loaded. Its {@code toString}
     * names the variable and never shows the value, so a log of the template cannot leak it.
     */
    public record Secret(String name, String value) implements Part {
        @Override
        public String toString() {
            return "Secret[env." + name + "]";
        }
    }
}
