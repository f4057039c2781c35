package dev.headroom.sim;

import dev.headroom.sim.engine.EventQueue;
import java.util.Arrays;

/**
 * The simulated clock, the pending events and the request pool that every stage shares. Each
 * stage registers the handlers of its events once, when the topology is built, and gets back the
 * event kinds to schedule; the engine hands every event to the handler of its kind, so it never
 * needs to know what a kind means.
 */
final class Engine {
    final EventQueue events = new EventQueue(4096);
    final Requests requests = new Requests();
    long now;
    private Handler[] handlers = new Handler[0];

    /** What a stage does when one of its events comes due; {@code arg} is what it scheduled with. */
    @FunctionalInterface
    interface Handler {
        void on(int arg);
    }

    /** Registers {@code handler}; returns the event kind that reaches it. */
    int register(Handler handler) {
        handlers = Arrays.copyOf(handlers, handlers.length + 1);
        handlers[handlers.length - 1] = handler;
        return handlers.length - 1;
    }

    void schedule(long timeNanos, int kind, int arg) {
        events.schedule(timeNanos, kind, arg);
    }

    /** Removes the earliest event, moves the clock to it and hands it to its handler. */
    void dispatchNext() {
        events.poll();
        now = events.polledTime();
        handlers[events.polledKind()].on(events.polledArg());
    }
}
