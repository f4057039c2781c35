package dev.headroom.cli;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.units.Quantities;
import dev.headroom.sim.SimEstimate;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Refuses, before it starts, a simulation the machine cannot finish: more requests than
 * {@code --max-requests} allows, or more memory than the JVM has. The message gives the estimate
 * and the ways to shorten the run.
 */
final class SimSize {
    /** About 11 minutes of CPU at the simulator's 3 M requests/s: long enough for any sizing question. */
    static final long DEFAULT_MAX_REQUESTS = 2_000_000_000L;

    static final String DEFAULT_MAX_REQUESTS_TEXT = "2,000,000,000";
    /** DEFAULT_MAX_REQUESTS at REQUESTS_PER_CPU_SECOND, in minutes (a literal: --help needs a constant). */
    static final int DEFAULT_MAX_MINUTES = 11;
    /** The heap the run may fill: the rest is for the JVM's own work and the analysis. */
    private static final double HEAP_SHARE = 0.8;

    private SimSize() {}

    /** The check for {@code simulate}, whose {@code --max-requests} sets the bound. */
    static void check(Path file, Spec spec, OptionalDouble window, long maxRequests) {
        check(file, spec, window, maxRequests, Runtime.getRuntime().maxMemory() * HEAP_SHARE, true);
    }

    /** The check for a command that runs the spec at the default bound, with no flag to raise it. */
    static void checkAtDefault(Path file, Spec spec, OptionalDouble window) {
        check(file, spec, window, DEFAULT_MAX_REQUESTS, Runtime.getRuntime().maxMemory() * HEAP_SHARE, false);
    }

    static void check(
            Path file, Spec spec, OptionalDouble window, long maxRequests, double heapBytes, boolean canRaise) {
        if (maxRequests < 1) {
            throw new BadInputException("--max-requests " + maxRequests + ": must be at least 1\n"
                    + "    fix: --max-requests " + DEFAULT_MAX_REQUESTS);
        }
        SimEstimate e = SimEstimate.of(spec, window);
        double seconds = window.orElse(spec.workload().profile().durationSeconds());
        if (e.requests() > maxRequests) {
            double share = maxRequests / e.requests();
            throw new BadInputException(String.format(
                    Locale.US,
                    "%s: the run would simulate about %,.0f requests (%s of profile at a mean of %s), about %s of"
                            + " CPU; %s allows %,d\n    fix: %s%s",
                    file,
                    e.requests(),
                    Quantities.formatDuration((long) (seconds * 1e9)),
                    Quantities.formatRate(e.requests() / seconds),
                    Quantities.formatDuration((long) (e.cpuSeconds() * 1e9)),
                    canRaise ? "--max-requests" : "the bound of a run",
                    maxRequests,
                    shorter(spec, seconds, share),
                    canRaise
                            ? ", or --max-requests " + (long) Math.ceil(e.requests() / 1e9) * 1_000_000_000L
                                    + " to run it all"
                            : ""));
        }
        if (e.bytes() > heapBytes) {
            double share = heapBytes / e.bytes();
            throw new BadInputException(String.format(
                    Locale.US,
                    "%s: the run would need about %,d MB of memory (up to %,.0f requests in flight: the peak of %s"
                            + " held for the client timeout of %s), and this JVM has %,d MB\n"
                            + "    fix: --set workload.profile.scale=%s, a shorter architecture.client.timeout,"
                            + " or more heap (HEADROOM_JAVA_OPTS=-Xmx%dg)",
                    file,
                    (long) (e.bytes() / 1e6),
                    e.inFlight(),
                    Quantities.formatRate(spec.workload().profile().peakRate()),
                    Quantities.formatDuration(spec.architecture().client().timeoutNanos()),
                    (long) (heapBytes / HEAP_SHARE / 1e6),
                    scale(spec, share),
                    (long) Math.ceil(e.bytes() / HEAP_SHARE / (1L << 30))));
        }
    }

    /** A --duration or a scale that brings the run under the bound. */
    private static String shorter(Spec spec, double seconds, double share) {
        long shorter = (long) Math.floor(seconds * share / 60) * 60;
        String scale = "--set workload.profile.scale=" + scale(spec, share);
        return shorter >= 60
                ? "--duration " + Quantities.formatDuration(shorter * 1_000_000_000L) + ", " + scale
                : scale;
    }

    private static String scale(Spec spec, double share) {
        double s = spec.workload().profile().scale() * share;
        double rounded = Math.floor(s * 1000) / 1000;
        return rounded > 0 ? Quantities.formatFactor(rounded).replace("x", "") : String.format(Locale.US, "%.2g", s);
    }
}
