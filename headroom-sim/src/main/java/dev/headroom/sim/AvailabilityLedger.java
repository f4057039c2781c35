package dev.headroom.sim;

import dev.headroom.model.run.Availability;
import dev.headroom.model.spec.Defaults;
import dev.headroom.model.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The availability a run leaves: the share of requests that succeeded, per minute and overall,
 * the seconds below the target (the goals' maximum error rate, else the default target) and the
 * error budget spent.
 */
final class AvailabilityLedger {
    private final double target;
    private long minuteOk;
    private long minuteBad;
    private int minuteTicks;
    private final List<Double> perMinute = new ArrayList<>();
    private double downtimeSeconds;

    AvailabilityLedger(Spec spec) {
        this.target = 1 - spec.goals().maxErrorRate().orElse(1 - Defaults.AVAILABILITY_TARGET);
    }

    /** Records each interval's availability as the interval closes. */
    IntervalSampler.Metrics recorder(RunStats stats) {
        return (samples, now, seconds) ->
                recordAvailability(stats.intervalCompleted, stats.intervalErrorTotal(), seconds);
    }

    private void recordAvailability(long ok, long bad, double seconds) {
        if (ok + bad > 0 && Availability.of(ok, bad) < target) {
            downtimeSeconds += seconds;
        }
        minuteOk += ok;
        minuteBad += bad;
        if (++minuteTicks == 60) {
            closeMinute();
        }
    }

    private void closeMinute() {
        perMinute.add(Math.round(Availability.of(minuteOk, minuteBad) * 1e6) / 1e6);
        minuteOk = 0;
        minuteBad = 0;
        minuteTicks = 0;
    }

    Availability availability(long completed, long errors) {
        if (minuteTicks > 0) {
            closeMinute();
        }
        double overall = Availability.of(completed, errors);
        double allowed = (1 - target) * (completed + errors);
        double budget = allowed == 0 ? (errors == 0 ? 0 : Double.POSITIVE_INFINITY) : errors / allowed;
        return new Availability(
                Math.round(overall * 1e6) / 1e6,
                target,
                downtimeSeconds,
                Double.isInfinite(budget) ? 999 : Math.round(budget * 1e4) / 1e4,
                perMinute);
    }
}
