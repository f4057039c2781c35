package dev.headroom.model.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The simulator draws Poisson arrivals by thinning: it proposes arrivals at {@code maxRate(t0, t1)}
 * and keeps each with probability {@code rateAt(t) / maxRate}. A bound that is ever below the rate
 * silently loses arrivals, so it must hold for every shape, every window and every instant in it.
 */
class ProfileProperties {

    /** Rounding slack: a few ulps of the rates involved. */
    private static final double SLACK = 1e-9;

    @Property(tries = 1_000)
    void maxRate_boundsTheRateEverywhereInTheWindow(
            @ForAll("profiles") Profile profile,
            @ForAll @DoubleRange(min = 0, max = 1) double from,
            @ForAll @DoubleRange(min = 0, max = 1) double to) {
        double duration = profile.durationSeconds();
        double t0 = Math.min(from, to) * duration;
        double t1 = Math.max(from, to) * duration;
        double bound = profile.maxRate(t0, t1);

        for (double t : instants(profile, t0, t1)) {
            double rate = profile.rateAt(t);
            assertThat(bound)
                    .as("maxRate(%s, %s) against rateAt(%s)", t0, t1, t)
                    .isGreaterThanOrEqualTo(rate - SLACK * Math.max(1, rate));
        }
    }

    @Property(tries = 300)
    void peakRate_isAtLeastTheMeanRate(@ForAll("profiles") Profile profile) {
        assertThat(profile.peakRate()).isGreaterThanOrEqualTo(profile.meanRate() * (1 - 1e-6));
    }

    /** Both ends, 64 evenly spaced instants, and both sides of every phase boundary inside the window. */
    private static List<Double> instants(Profile profile, double t0, double t1) {
        List<Double> ts = new ArrayList<>();
        ts.add(t0);
        ts.add(t1);
        for (int i = 1; i < 64; i++) {
            ts.add(t0 + (t1 - t0) * i / 64.0);
        }
        double boundary = 0;
        for (Shape s : profile.phases()) {
            boundary += s.durationSeconds();
            for (double t : new double[] {Math.nextDown(boundary), boundary}) {
                if (t >= t0 && t <= t1) {
                    ts.add(t);
                }
            }
        }
        return ts;
    }

    @Provide
    Arbitrary<Profile> profiles() {
        return Combinators.combine(
                        shapes().list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.doubles().between(0.1, 3).ofScale(6))
                .as(Profile::new);
    }

    private static Arbitrary<Shape> shapes() {
        return Arbitraries.oneOf(constant(), ramp(), steps(), spike(), daily(), replay());
    }

    private static Arbitrary<Double> rates() {
        return Arbitraries.oneOf(
                Arbitraries.just(0.0), Arbitraries.doubles().between(0, 10_000).ofScale(6));
    }

    private static Arbitrary<Double> durations() {
        return Arbitraries.doubles().between(0.001, 3_600).ofScale(6);
    }

    private static Arbitrary<Shape> constant() {
        return Combinators.combine(rates(), durations()).as(Constant::new);
    }

    private static Arbitrary<Shape> ramp() {
        return Combinators.combine(rates(), rates(), durations()).as(Ramp::new);
    }

    private static Arbitrary<Shape> steps() {
        return Combinators.combine(rates(), durations())
                .as(Steps.Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(Steps::new);
    }

    private static Arbitrary<Shape> spike() {
        Arbitrary<Double> optional = Arbitraries.oneOf(Arbitraries.just(0.0), durations());
        return Combinators.combine(rates(), rates(), optional, durations(), durations(), durations(), optional)
                .as(Spike::new);
    }

    private static Arbitrary<Shape> daily() {
        Arbitrary<Daily.Peak> peak = Combinators.combine(
                        rates(),
                        Arbitraries.doubles().between(0, 86_399).ofScale(6),
                        Arbitraries.doubles().between(1, 6 * 3_600).ofScale(6))
                .as((rate, at, width) -> new Daily.Peak("p", rate, at, width));
        return Combinators.combine(
                        rates(),
                        peak.list().ofMaxSize(3),
                        Arbitraries.doubles().between(0, 86_399).ofScale(6),
                        Arbitraries.doubles().between(1, 2 * 86_400).ofScale(6))
                .as(Daily::new);
    }

    private static Arbitrary<Shape> replay() {
        Arbitrary<Double> gaps = Arbitraries.doubles().between(0.001, 600).ofScale(6);
        return Combinators.combine(
                        Arbitraries.doubles().between(0, 60).ofScale(6),
                        gaps.list().ofMinSize(1).ofMaxSize(8),
                        rates().list().ofSize(9))
                .as((first, gapList, rateList) -> {
                    List<Replay.Point> points = new ArrayList<>();
                    double t = first;
                    points.add(new Replay.Point(t, rateList.get(0)));
                    for (int i = 0; i < gapList.size(); i++) {
                        t += gapList.get(i);
                        points.add(new Replay.Point(t, rateList.get(i + 1)));
                    }
                    return new Replay("r.csv", points);
                });
    }
}
