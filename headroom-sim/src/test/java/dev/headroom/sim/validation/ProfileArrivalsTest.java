package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.arrival.ArrivalProcess;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.workload.Arrivals;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrivals against the profile they come from. The simulation is observed through its per-second
 * timeline, the surface every report uses: under a Poisson process the count in each second is
 * Poisson with mean the integral of the rate over that second, independently of the other seconds,
 * so sum (O - E)^2 / E over the seconds is chi-square with as many degrees of freedom as seconds.
 * Every test has a fixed seed; {@link #SIGNIFICANCE} is the false-alarm rate each test would have
 * with a fresh seed.
 */
class ProfileArrivalsTest {
    private static final double SIGNIFICANCE = 0.001;
    private static final long SEED = 5_000;

    /** A recorded curve for the replay shape: time (s), rate (/s), linearly interpolated. */
    private static final String CURVE =
            """
            time,rate
            0,50
            120,300
            300,80
            600,150
            """;

    /**
     * Each shape with its integral worked out by hand, so the expected counts are themselves checked.
     * The daily peak is a Gaussian of full width at half height 30 min (sigma = 1800 / 2.3548 s) that
     * the two-hour window holds to +-4.7 sigma, leaving out 3e-6 of its area.
     */
    static Stream<Arguments> shapes() {
        double sigma = 1800 / (2 * Math.sqrt(2 * Math.log(2)));
        return Stream.of(
                Arguments.of("constant", "{constant: {rate: 200/s, duration: 10m}}", 200.0 * 600),
                Arguments.of("ramp", "{ramp: {from: 20/s, to: 400/s, duration: 10m}}", (20 + 400) / 2.0 * 600),
                Arguments.of("steps", "{steps: {rates: [50/s, 300/s, 120/s], each: 3m}}", (50 + 300 + 120) * 180.0),
                Arguments.of(
                        "spike",
                        "{spike: {base: 50/s, peak: 600/s, lead: 2m, rise: 30s, hold: 1m, decay: 2m, tail: 2m}}",
                        50.0 * 450 + 550 * (30 / 2.0 + 60 + 120 / 2.0)),
                Arguments.of(
                        "daily",
                        "{daily: {base: 20/s, start: \"11:00\", duration: 2h,"
                                + " peaks: [{name: lunch, at: \"12:00\", rate: 200/s, width: 30m}]}}",
                        20.0 * 7200 + 180 * sigma * Math.sqrt(2 * Math.PI)),
                Arguments.of(
                        "replay",
                        "{replay: {file: curve.csv}}",
                        120 * (50 + 300) / 2.0 + 180 * (300 + 80) / 2.0 + 300 * (80 + 150) / 2.0),
                Arguments.of(
                        "phases with scale",
                        "{scale: 1.5, phases: [{constant: {rate: 100/s, duration: 2m}},"
                                + " {ramp: {from: 100/s, to: 300/s, duration: 3m}},"
                                + " {steps: {rates: [200/s, 50/s], each: 1m}}]}",
                        1.5 * (100 * 120 + 200 * 180 + 250 * 60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void expectedArrivals_isTheIntegralOfTheRate(String shape, String profile, double closedForm, @TempDir Path dir) {
        Profile p = spec("poisson", profile, dir).workload().profile();
        // Simpson's rule at 0.05 s steps is exact for linear pieces and loses ~0.01 per kink.
        assertThat(p.expectedArrivals(0, p.durationSeconds())).isCloseTo(closedForm, within(1e-5 * closedForm));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void poissonArrivalsPerSecond_matchTheIntegralOfTheRate(
            String shape, String profile, double closedForm, @TempDir Path dir) {
        Spec spec = spec("poisson", profile, dir);
        Profile p = spec.workload().profile();
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult result = Simulation.run(spec, SimOptions.seeded(SEED).withTimeline(timeline::add));

        double chiSquare = 0;
        int seconds = 0;
        long total = 0;
        for (TimelineRecord r : timeline) {
            double expected = p.expectedArrivals(r.t(), r.t() + 1);
            total += r.arrivals();
            if (expected == 0) {
                assertThat(r.arrivals())
                        .as("arrivals after the profile ends, at %.0f s", r.t())
                        .isZero();
                continue;
            }
            chiSquare += (r.arrivals() - expected) * (r.arrivals() - expected) / expected;
            seconds++;
        }
        double pValue = ChiSquare.twoSided(chiSquare, seconds);
        System.out.printf(
                Locale.US,
                "arrivals %-18s %d in %d s (integral %.1f), chi-square %.1f on %d df, two-sided p %.3f%n",
                shape,
                total,
                seconds,
                closedForm,
                chiSquare,
                seconds,
                pValue);

        assertThat(total).isEqualTo(result.summary().requests());
        assertThat(seconds).isEqualTo((int) Math.ceil(p.durationSeconds()));
        // The total is Poisson with mean the integral: within 3.3 standard deviations at this level.
        assertThat((double) total).isCloseTo(closedForm, within(3.3 * Math.sqrt(closedForm)));
        // Two-sided: too good a fit (evenly spaced arrivals) fails as surely as a bad one.
        assertThat(pValue).as("chi-square p-value").isGreaterThan(SIGNIFICANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uniformShapes")
    void uniformArrivals_areEvenlySpacedAlongTheProfile(String shape, String profile) {
        Spec spec = spec("uniform", profile, Path.of("."));
        Profile p = spec.workload().profile();
        List<TimelineRecord> timeline = new ArrayList<>();
        Simulation.run(spec, SimOptions.seeded(SEED).withTimeline(timeline::add));

        double cumulativeExpected = 0;
        long cumulative = 0;
        for (TimelineRecord r : timeline) {
            double expected = p.expectedArrivals(r.t(), r.t() + 1);
            cumulativeExpected += expected;
            cumulative += r.arrivals();
            // Evenly spaced: each second holds its integral up to the one arrival straddling each end.
            assertThat((double) r.arrivals())
                    .as("arrivals in second %.0f", r.t())
                    .isCloseTo(expected, within(1.0));
            assertThat((double) cumulative)
                    .as("arrivals by %.0f s", r.t() + 1)
                    .isCloseTo(cumulativeExpected, within(1.0));
        }
    }

    static Stream<Arguments> uniformShapes() {
        return Stream.of(
                Arguments.of("constant", "{constant: {rate: 250/s, duration: 1m}}"),
                Arguments.of("ramp", "{ramp: {from: 20/s, to: 400/s, duration: 2m}}"));
    }

    /**
     * The gaps need the arrival times themselves, which no run output carries, so this drives the
     * simulator's own {@link ArrivalProcess} on the stream a run uses (checked to be the very same
     * arrivals by {@link #arrivalProcess_isTheOneTheSimulationRuns}).
     */
    @Test
    void constantRatePoissonGaps_areExponential() {
        double rate = 1000;
        Profile p = spec("poisson", "{constant: {rate: 1000/s, duration: 5m}}", Path.of("."))
                .workload()
                .profile();
        double[] gaps = gaps(arrivalTimes(p, Arrivals.POISSON));
        double d = KolmogorovSmirnov.statistic(gaps, x -> 1 - Math.exp(-rate * x));
        double pValue = KolmogorovSmirnov.pValue(d, gaps.length);
        System.out.printf(Locale.US, "KS constant-rate gaps: n %d, D %.5f, p %.3f%n", gaps.length, d, pValue);
        assertThat(gaps.length).isGreaterThan(290_000);
        assertThat(pValue).isGreaterThan(SIGNIFICANCE);
    }

    /**
     * Thinning a varying rate: by the time-rescaling theorem (Brown et al., Neural Computation 14,
     * 2002), the integrals of the rate between successive arrivals are exponential with mean 1.
     */
    @Test
    void rampPoissonGaps_rescaledByTheIntegratedRate_areUnitExponential() {
        Profile p = spec("poisson", "{ramp: {from: 20/s, to: 1000/s, duration: 5m}}", Path.of("."))
                .workload()
                .profile();
        double[] times = arrivalTimes(p, Arrivals.POISSON);
        double[] rescaled = new double[times.length];
        double previous = 0;
        for (int i = 0; i < times.length; i++) {
            rescaled[i] = p.expectedArrivals(previous, times[i]);
            previous = times[i];
        }
        double d = KolmogorovSmirnov.statistic(rescaled, x -> 1 - Math.exp(-x));
        double pValue = KolmogorovSmirnov.pValue(d, rescaled.length);
        System.out.printf(Locale.US, "KS rescaled ramp gaps: n %d, D %.5f, p %.3f%n", rescaled.length, d, pValue);
        assertThat(pValue).isGreaterThan(SIGNIFICANCE);
    }

    @Test
    void arrivalProcess_isTheOneTheSimulationRuns() {
        Spec spec =
                spec("poisson", "{spike: {base: 50/s, peak: 400/s, rise: 10s, hold: 10s, decay: 10s}}", Path.of("."));
        Profile p = spec.workload().profile();
        List<TimelineRecord> timeline = new ArrayList<>();
        Simulation.run(spec, SimOptions.seeded(SEED).withTimeline(timeline::add));

        long[] perSecond = new long[timeline.size()];
        for (double t : arrivalTimes(p, Arrivals.POISSON)) {
            perSecond[(int) Math.floor(t)]++;
        }
        assertThat(timeline.stream().mapToLong(TimelineRecord::arrivals).toArray())
                .containsExactly(perSecond);
    }

    /** Arrival times in seconds, as the simulation draws them (its arrival stream, to the nanosecond). */
    private static double[] arrivalTimes(Profile p, Arrivals arrivals) {
        ArrivalProcess process =
                new ArrivalProcess(p, arrivals, RandomStream.of(SEED, "arrivals"), p.durationSeconds());
        List<Double> times = new ArrayList<>();
        for (long t = process.next(); t != Long.MAX_VALUE; t = process.next()) {
            times.add(t / 1e9);
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] gaps(double[] times) {
        double[] gaps = new double[times.length];
        double previous = 0;
        for (int i = 0; i < times.length; i++) {
            gaps[i] = times[i] - previous;
            previous = times[i];
        }
        return gaps;
    }

    /** A spec that only carries arrivals: many cores and a 1 us demand, so nothing queues. */
    private static Spec spec(String arrivals, String profile, Path dir) {
        if (profile.contains("replay")) {
            try {
                Files.writeString(dir.resolve("curve.csv"), CURVE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return QueueModels.parse(
                "arrivals",
                String.format(
                        Locale.US,
                        """
                name: arrivals
                workload:
                  arrivals: %s
                  profile: %s
                  classes:
                    - name: only
                      cpu: 1us
                architecture:
                  client: {timeout: 1h}
                  pool: {instances: 1, cores: 64, workers: unlimited, acceptQueue: unlimited}
                """,
                        arrivals,
                        profile),
                dir);
    }
}
