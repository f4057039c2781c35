package dev.headroom.model.units;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QuantitiesProperties {

    private static final long MONTH_NANOS = 30 * 86_400_000_000_000L;

    /**
     * formatDuration keeps three decimals of the unit it picks: any duration under a millisecond,
     * whole microseconds under a second, and whole milliseconds up to a month read back exactly.
     */
    @Property(tries = 500)
    void formatDuration_roundTripsThroughDurationNanos(@ForAll("wholeUnits") long nanos) {
        assertThat(Quantities.durationNanos(Quantities.formatDuration(nanos))).isEqualTo(nanos);
    }

    @Provide
    Arbitrary<Long> wholeUnits() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 999_999L),
                Arbitraries.longs().between(1_000L, 999_999L).map(us -> us * 1_000L),
                Arbitraries.longs().between(1_000L, MONTH_NANOS / 1_000_000L).map(ms -> ms * 1_000_000L));
    }
}
