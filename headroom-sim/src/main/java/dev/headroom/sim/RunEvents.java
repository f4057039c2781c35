package dev.headroom.sim;

import dev.headroom.model.run.EventKind;
import dev.headroom.model.run.RunEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The run's events: kept for the result (the first {@value #MAX_EVENTS}) and passed on to the options' sink as they happen. */
final class RunEvents {
    private static final int MAX_EVENTS = 10_000;

    private final Engine engine;
    private final Consumer<RunEvent> sink;
    private final List<RunEvent> kept = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    RunEvents(Engine engine, Consumer<RunEvent> sink) {
        this.engine = engine;
        this.sink = sink;
    }

    void event(String component, EventKind kind, String detail) {
        RunEvent e = new RunEvent(Math.round(engine.now / 1e6) / 1e3, component, kind.label(), detail);
        if (kept.size() < MAX_EVENTS) {
            kept.add(e);
        }
        sink.accept(e);
    }

    /** An event recorded the first time its condition happens to a component. */
    void once(String component, EventKind kind, String detail) {
        if (reported.add(component + "/" + kind.label())) {
            event(component, kind, detail);
        }
    }

    List<RunEvent> kept() {
        return List.copyOf(kept);
    }
}
