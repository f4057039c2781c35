package dev.headroom.sim;

import dev.headroom.model.failure.Failures;
import java.util.function.Predicate;

/**
 * A part of the topology that a failure can take down and bring back, addressed by the name
 * {@link dev.headroom.model.failure.FailureTargets} gives it: a balancer, the pool or one of its
 * instances, the cache, a database node.
 */
interface FailureTarget {
    void fail(Failures.Failure failure);

    void restore(Failures.Failure failure);

    /** How a stage fails the client requests that were on a part it lost: each client may retry. */
    @FunctionalInterface
    interface Losses {
        /** Every client request in flight, not yet timed out, for which {@code on} holds, fails with {@code kind}. */
        void lose(Predicate<Request> on, ErrorKind kind);
    }
}
