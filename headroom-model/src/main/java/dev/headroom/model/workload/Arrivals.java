package dev.headroom.model.workload;

/** How arrival times are drawn from the profile's rate. */
public enum Arrivals {
    /** Non-homogeneous Poisson process (thinning): the default, as real independent users arrive. */
    POISSON,
    /** Evenly spaced arrivals following the rate: for deterministic checks (D/x/x queues). */
    UNIFORM
}
