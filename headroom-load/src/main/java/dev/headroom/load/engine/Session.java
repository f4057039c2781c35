package dev.headroom.load.engine;

import dev.headroom.load.scenario.Journey;
import dev.headroom.load.session.CookieJar;
import java.util.concurrent.ScheduledFuture;

/**
 * One journey instance: where it is in its steps, its cookie jar, its feeder values (drawn once
 * for the session) and the values its steps extracted. Lives on one event loop.
 */
final class Session {
    final int journey;
    final Journey spec;
    final int target;
    final CookieJar jar = new CookieJar();
    final Object[] feederValues;
    final String[] variables;
    /** The virtual user running it in the closed model; null in the open model. */
    final VirtualUser user;
    /** When its first step was due: the journey's duration counts from there. */
    final long startDueNanos;

    /** The index in {@code spec.steps()} of the request step in flight or due next. */
    int step;
    /** Its number among the journey's request steps (the funnel's step). */
    int requestStep;

    long dueNanos;
    String lastPath = "/";
    ScheduledFuture<?> timer;

    Session(int journey, Journey spec, int target, Object[] feederValues, VirtualUser user, long startDueNanos) {
        this.journey = journey;
        this.spec = spec;
        this.target = target;
        this.feederValues = feederValues;
        this.variables = new String[spec.variables().size()];
        this.user = user;
        this.startDueNanos = startDueNanos;
        this.step = firstRequest(spec, 0);
        this.dueNanos = startDueNanos;
    }

    Journey.Step.Request current() {
        return (Journey.Step.Request) spec.steps().get(step);
    }

    /** The index of the first request step at or after {@code from}, or the number of steps if none is left. */
    static int firstRequest(Journey spec, int from) {
        int i = from;
        while (i < spec.steps().size() && !(spec.steps().get(i) instanceof Journey.Step.Request)) {
            i++;
        }
        return i;
    }
}
