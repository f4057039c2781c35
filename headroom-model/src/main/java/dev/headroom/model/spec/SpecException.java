package dev.headroom.model.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a spec, reported together. */
public final class SpecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SpecException(List<Problem> problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the spec");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** All problems, formatted, separated by blank lines, with a count at the end. */
    public String format() {
        return problems.stream()
                        .map(Problem::format)
                        .collect(Collectors.joining(System.lineSeparator() + System.lineSeparator()))
                + System.lineSeparator()
                + System.lineSeparator()
                + getMessage()
                + ".";
    }
}
