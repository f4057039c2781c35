package dev.headroom.analysis;

/**
 * One step of a causal chain: what happened ({@code what}, for example {@code credits exhausted}),
 * to which component, when (seconds from the start of the run) and the evidence for it.
 */
public record Link(String component, String what, double t, Evidence evidence) {}
