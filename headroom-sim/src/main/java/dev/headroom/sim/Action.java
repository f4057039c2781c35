package dev.headroom.sim;

import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.failure.Failures;

/** Something planned for a time of the run: a failure, its restore, or a scheduled action of the group. */
sealed interface Action {
    long atNanos();

    void apply(FailureInjector injector);

    /** The failure's target is lost. */
    record Lose(long atNanos, Failures.Failure failure) implements Action {
        @Override
        public void apply(FailureInjector injector) {
            injector.target(failure).fail(failure);
        }
    }

    /** The failure's target comes back. */
    record Restore(long atNanos, Failures.Failure failure) implements Action {
        @Override
        public void apply(FailureInjector injector) {
            injector.target(failure).restore(failure);
        }
    }

    /** The group's bounds and desired count change on schedule. */
    record Schedule(long atNanos, Autoscaling.Scheduled scheduled) implements Action {
        @Override
        public void apply(FailureInjector injector) {
            injector.group().schedule(scheduled);
        }
    }
}
