package dev.headroom.sim;

import dev.headroom.sim.component.Station;

/**
 * A stage whose station serves each request for a sampled time: the request takes a free server
 * or waits in line; when its service is done the server goes straight to the head of the line and
 * the request goes on. CPU, cache, named locks, database CPU and disk are this one pattern; a
 * subclass says only which station serves a request, for how long, and where the request goes
 * next; its {@link #on} hands the event to {@link #complete}.
 */
abstract class ServiceStage implements Engine.Handler {
    final Engine engine;
    private final int kind;
    /** The index of this stage's entry time in {@link Request#enteredNanos}. */
    private final int component;

    ServiceStage(Engine engine, int component) {
        this.engine = engine;
        this.component = component;
        this.kind = engine.register(this);
    }

    /** The station that serves {@code r}. */
    abstract Station station(Request r);

    /** How long {@code r} holds a server of {@code station}: sampled now, when its service starts. */
    abstract long serviceNanos(Request r, Station station);

    /** {@code r}'s service is done and its server handed on: where it goes next. */
    abstract void served(Request r);

    /** {@code r} joined {@code station}'s line (for events about long lines). */
    void queued(Station station) {}

    final void enter(Request r) {
        Station s = station(r);
        long now = engine.now;
        r.enteredNanos[component] = now;
        if (s.trySeize(now)) {
            engine.schedule(now + serviceNanos(r, s), kind, r.slot);
        } else {
            s.enqueue(now, r.slot);
            queued(s);
        }
    }

    /**
     * {@code slot}'s service is done. Each stage's {@link #on} calls this, so that the JIT compiles
     * it once per stage, with the stage's own station, service and next step inlined.
     */
    final void complete(int slot) {
        Request r = engine.requests.get(slot);
        Station s = station(r);
        long now = engine.now;
        s.gauge().departure(now - r.enteredNanos[component]);
        int handed = s.releaseToNext(now);
        if (handed >= 0) {
            Request next = engine.requests.get(handed);
            engine.schedule(now + serviceNanos(next, s), kind, next.slot);
        }
        served(r);
    }
}
