package dev.headroom.analysis;

import dev.headroom.model.spec.Problem;

/** A directory that is not a readable run: the problem says where, what rule it broke and how to fix it. */
public final class RunReadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public RunReadException(Problem problem) {
        super(problem.format());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
