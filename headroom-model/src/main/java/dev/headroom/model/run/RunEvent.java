package dev.headroom.model.run;

/** A state change during a run, at time {@code t} seconds: credits exhausted, a guard tripped, an instance killed. */
public record RunEvent(double t, String component, String kind, String detail) {}
