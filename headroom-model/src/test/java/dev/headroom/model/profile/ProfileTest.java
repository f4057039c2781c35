package dev.headroom.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

    /** One minute at 100/s, then a minute's ramp to 300/s, at 150%. */
    private final Profile profile =
            Profile.of(new Constant(100, 60), new Ramp(100, 300, 60)).scaled(1.5);

    @Test
    void phases_playInSequence() {
        assertThat(profile.durationSeconds()).isEqualTo(120);
        assertThat(profile.rateAt(30)).isEqualTo(150);
        assertThat(profile.rateAt(60)).isCloseTo(150, within(1e-9));
        assertThat(profile.rateAt(90)).isCloseTo(300, within(1e-9));
    }

    @Test
    void rate_isZeroOutsideTheProfile() {
        assertThat(profile.rateAt(-1)).isZero();
        assertThat(profile.rateAt(120)).isZero();
        assertThat(profile.expectedArrivals(120, 200)).isZero();
    }

    @Test
    void scale_multipliesEveryRateAndTheArrivals() {
        Profile unscaled = Profile.of(new Constant(100, 60), new Ramp(100, 300, 60));

        assertThat(profile.scale()).isEqualTo(1.5);
        assertThat(unscaled.expectedArrivals(0, 120)).isCloseTo(6_000 + 12_000, within(1e-6));
        assertThat(profile.expectedArrivals(0, 120)).isCloseTo(1.5 * 18_000, within(1e-6));
        assertThat(profile.peakRate()).isCloseTo(450, within(1e-9));
        assertThat(profile.meanRate()).isCloseTo(1.5 * 18_000 / 120, within(1e-6));
        assertThat(profile.scaled(2).scale()).isEqualTo(3.0);
    }

    @Test
    void expectedArrivals_acrossAPhaseBoundary_addsBothPhases() {
        // 30 s at 150/s, then 30 s of the ramp from 150/s to 300/s (scaled): 4,500 + 6,750.
        assertThat(profile.expectedArrivals(30, 90)).isCloseTo(4_500 + 6_750, within(1e-6));
    }

    @Test
    void expectedArrivals_ofAJump_takesEachSideAtItsOwnRate() {
        Profile jump = Profile.of(new Constant(10, 5), new Constant(1_000, 5));

        assertThat(jump.expectedArrivals(0, 10)).isCloseTo(50 + 5_000, within(1e-9));
        assertThat(jump.expectedArrivals(4, 6)).isCloseTo(10 + 1_000, within(1e-9));
    }

    @Test
    void maxRate_overSeveralPhases_isTheHighestOfThem() {
        assertThat(profile.maxRate(0, 59)).isEqualTo(150);
        assertThat(profile.maxRate(30, 90)).isCloseTo(300, within(1e-9));
        assertThat(profile.maxRate(200, 300)).isZero();
    }

    @Test
    void phaseEndAfter_givesTheEndOfThePhaseContainingT() {
        assertThat(profile.phaseEndAfter(0)).isEqualTo(60);
        assertThat(profile.phaseEndAfter(59.9)).isEqualTo(60);
        assertThat(profile.phaseEndAfter(60)).isEqualTo(120);
        assertThat(profile.phaseEndAfter(500)).isEqualTo(120);
    }

    @Test
    void aProfileWithoutPhases_isRefused() {
        assertThatThrownBy(() -> new Profile(List.of(), 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
