package dev.headroom.load.template;

import java.util.List;

/**
 * A text with {@code ${name}} (a generated value) and {@code ${name.column}} (a column of a CSV
 * feeder's row) placeholders, already resolved against the scenario's feeders. {@code $$} writes
 * a dollar sign.
 */
public record Template(String text, List<Part> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    /** A template with no placeholders. */
    public static Template literal(String text) {
        return new Template(text, text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** Appends the text with every placeholder filled from {@code draw}. */
    public void render(Draw draw, StringBuilder out) {
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Variable v) {
                out.append(draw.value(v.feeder(), v.column()));
            }
        }
    }

    /** One piece of a template. */
    public sealed interface Part permits Literal, Variable {}

    /** Text written as it is. */
    public record Literal(String text) implements Part {}

    /** A placeholder: the {@code column} (0 for generated values) of feeder number {@code feeder}. */
    public record Variable(String name, int feeder, int column) implements Part {}
}
