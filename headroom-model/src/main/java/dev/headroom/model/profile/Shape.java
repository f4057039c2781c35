package dev.headroom.model.profile;

/**
 * One phase of a traffic profile: an arrival rate (requests per second) over a local time axis
 * that starts at zero. Shapes are immutable; {@link Profile} places them in sequence and scales.
 */
public sealed interface Shape permits Constant, Ramp, Steps, Spike, Daily, Replay {

    /** Length of the phase in seconds. */
    double durationSeconds();

    /** Rate at local time {@code t} seconds, for {@code 0 <= t < durationSeconds()}. */
    double rateAt(double t);

    /** An upper bound (tight where the shape allows) on the rate over {@code [t0, t1]}. */
    double maxRate(double t0, double t1);

    /** The name used in specs: {@code constant}, {@code ramp}, ... */
    String kind();
}
