package dev.headroom.load.run;

import dev.headroom.load.stats.Interval;
import java.util.Locale;

/** The one live line a terminal shows each second: where the run is and how the target is doing. */
public final class Progress {
    private Progress() {}

    public static String line(double elapsedSeconds, double totalSeconds, double offeredPerSecond, Interval iv) {
        double achieved = iv.lengthSeconds() > 0 ? iv.arrivals() / iv.lengthSeconds() : 0;
        double p50 = iv.latency().getTotalCount() == 0 ? 0 : iv.latency().getValueAtPercentile(50) / 1000.0;
        double p99 = iv.latency().getTotalCount() == 0 ? 0 : iv.latency().getValueAtPercentile(99) / 1000.0;
        return String.format(
                Locale.US,
                "%5.0fs/%.0fs  rate %,.0f/s target %,.0f/s sent  p50 %.1fms p99 %.1fms  errors %,d  in flight %,d%s",
                elapsedSeconds,
                totalSeconds,
                offeredPerSecond,
                achieved,
                p50,
                p99,
                iv.errorCount(),
                iv.inFlight(),
                iv.held() ? "  (connections all busy)" : "");
    }
}
