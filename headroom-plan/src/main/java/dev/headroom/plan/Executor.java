package dev.headroom.plan;

import java.util.List;

/**
 * Runs trials: on this machine's cores ({@link LocalExecutor}) or, later, on a cluster. The
 * evaluations come back in the order of the trials, and each depends only on its trial, so the
 * plan's answer does not depend on where or in which order trials ran.
 */
public interface Executor extends AutoCloseable {
    List<Evaluation> evaluate(List<Trial> trials) throws InterruptedException;

    /** How many trials run at once: what other searches of the plan (the headroom search) may use. */
    default int parallelism() {
        return 1;
    }

    @Override
    default void close() {}
}
