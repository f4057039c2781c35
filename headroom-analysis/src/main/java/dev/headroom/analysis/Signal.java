package dev.headroom.analysis;

/**
 * A saturation signal: a component reaching a limit from interval {@code interval} on. {@code type}
 * identifies the kind of limit (so an event and the timeline showing the same thing count once),
 * {@code rank} orders signals of one component within an interval (a cause before its effect:
 * credits run out, then the cap bites, then the queue grows).
 */
record Signal(String component, String type, int rank, int interval, double t, String what, Evidence evidence) {
    Link link() {
        return new Link(component, what, t, evidence);
    }
}
