package dev.headroom.analysis;

import dev.headroom.model.run.EventKind;
import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a run, simulated or measured, into findings a person can act on. */
public final class Analysis {
    private Analysis() {}

    /**
     * The findings of one run. Deterministic: the same run gives the same findings. The headroom of a
     * simulation comes from a search over scaled copies of its profile, which needs the simulator:
     * run {@link HeadroomSearch} and attach it with {@link Findings#withHeadroom}. Here a ramp or step
     * run gets its headroom read from where its goals broke.
     */
    public static Findings analyse(RunData data) {
        Verdict verdict = SloJudge.judge(data);
        List<Signal> signals = SignalFinder.find(data);
        Bottleneck bottleneck = BottleneckFinder.find(data, verdict, signals);
        Levels levels = Levels.of(data.timeline(), data.intervalSeconds());
        Knee knee = KneeFinder.find(levels);
        // An invalid measurement's latencies include the generator's own delay: no headroom is read from them.
        Headroom headroom =
                levels.isEmpty() || verdict.outcome().equals(Verdict.INVALID) ? null : measuredHeadroom(data, verdict);
        OperationalLaws laws = data.run() == null ? null : Laws.apply(data.run().summary());
        List<Finding> others = others(data, signals, bottleneck, laws);
        return new Findings(
                Findings.FORMAT,
                data.runId(),
                data.kind(),
                data.partial(),
                verdict,
                bottleneck,
                headroom,
                knee,
                laws,
                others);
    }

    /**
     * The highest offered rate held before the goals first broke, against the profile's peak. With
     * no breach the run held its goals at the peak: the ratio is 1 and only a lower bound.
     */
    static Headroom measuredHeadroom(RunData data, Verdict verdict) {
        if (verdict.goals().isEmpty()) {
            return null;
        }
        double peak = peak(data);
        if (peak <= 0) {
            return null;
        }
        double held = 0;
        double heldAt = -1;
        for (TimelineRecord r : data.timeline()) {
            if (verdict.firstBreachT() >= 0 && r.t() >= verdict.firstBreachT()) {
                break;
            }
            if (r.offeredPerSecond() > held) {
                held = r.offeredPerSecond();
                heldAt = r.t();
            }
        }
        boolean bounded = verdict.firstBreachT() >= 0;
        List<Evidence> ev = new ArrayList<>();
        if (heldAt >= 0) {
            ev.add(new Evidence("run", "offered", heldAt, held, "/s"));
        }
        verdict.goals().stream().filter(g -> g.firstBreach() != null).forEach(g -> ev.add(g.firstBreach()));
        ev.sort(java.util.Comparator.comparingDouble(Evidence::t).thenComparing(Evidence::metric));
        double ratio = KneeFinder.round(held / peak);
        String summary = bounded
                ? String.format(
                        java.util.Locale.ROOT,
                        "headroom %.2fx: goals held up to %s/s offered, broke beyond it (peak %s/s)",
                        ratio,
                        SignalFinder.number(KneeFinder.round(held)),
                        SignalFinder.number(KneeFinder.round(peak)))
                : String.format(
                        java.util.Locale.ROOT,
                        "headroom at least %.2fx: goals held all the way to the peak of %s/s",
                        ratio,
                        SignalFinder.number(KneeFinder.round(peak)));
        return new Headroom(
                ratio, KneeFinder.round(held), KneeFinder.round(peak), "measured", 0, bounded, summary, List.of(), ev);
    }

    static double peak(RunData data) {
        if (data.run() != null && data.run().metadata().peakRatePerSecond() > 0) {
            return data.run().metadata().peakRatePerSecond();
        }
        return data.timeline().stream()
                .mapToDouble(TimelineRecord::offeredPerSecond)
                .max()
                .orElse(0);
    }

    private static List<Finding> others(
            RunData data, List<Signal> signals, Bottleneck bottleneck, OperationalLaws laws) {
        List<Finding> out = new ArrayList<>();
        if (data.partial()) {
            // The evidence: how far the run got.
            double last = data.timeline().isEmpty()
                    ? -1
                    : data.timeline().get(data.timeline().size() - 1).t();
            out.add(new Finding(
                    "partial",
                    "run",
                    -1,
                    "the run was cut short: " + data.partialReason(),
                    List.of(new Evidence(
                            "run", "intervals recorded", last, data.timeline().size(), "intervals"))));
        }
        Set<String> inChain = new HashSet<>();
        if (bottleneck != null) {
            bottleneck.chain().forEach(l -> inChain.add(l.component() + "\u0000" + l.what()));
        }
        for (Signal s : signals) {
            if (!inChain.contains(s.component() + "\u0000" + s.what())) {
                out.add(new Finding("saturation", s.component(), s.t(), s.what(), List.of(s.evidence())));
            }
        }
        for (RunEvent e : data.events()) {
            if (!EventKind.isSaturationSignal(e.kind())) {
                out.add(new Finding(
                        e.kind(),
                        e.component(),
                        e.t(),
                        e.detail(),
                        List.of(new Evidence(e.component(), "event " + e.kind(), e.t(), 1, "event"))));
            }
        }
        Measurement m = data.run() == null ? null : data.run().measurement();
        if (m != null) {
            for (Measurement.Verdict v : m.verdicts()) {
                if (!v.passed()) {
                    out.add(new Finding(
                            v.kind(),
                            "run",
                            v.atSeconds(),
                            v.kind().equals(Measurement.Verdict.LAG_LIMIT)
                                    ? lagLimitBroken(v)
                                    : v.kind() + " '" + v.rule() + "' failed",
                            List.of(new Evidence("run", v.rule(), v.atSeconds(), v.observed(), v.unit()))));
                }
            }
            m.journeys().forEach((name, j) -> journeyFinding(name, j).ifPresent(out::add));
        }
        if (laws != null) {
            for (OperationalLaws.LittleCheck c : laws.little()) {
                if (!c.holds()) {
                    out.add(new Finding(
                            "littles-law",
                            c.component(),
                            -1,
                            "Little's law does not hold on " + c.component()
                                    + ": requests present and throughput times residence differ by "
                                    + BottleneckFinder.percent(c.relativeError()),
                            List.of(
                                    new Evidence(c.component(), "meanPresent", -1, c.measuredN(), "requests"),
                                    new Evidence(
                                            c.component(),
                                            "throughputTimesResidence",
                                            -1,
                                            c.predictedN(),
                                            "requests"))));
                }
            }
        }
        return out;
    }

    /**
     * Why a run whose generator fell behind is invalid: its own lag (the loop's CPU, GC or JIT, not
     * the wait for a connection, which is the target's) counts in every latency it measured.
     */
    static String lagLimitBroken(Measurement.Verdict v) {
        return String.format(
                java.util.Locale.US,
                "the generator's own lag p99 %s %s broke %s: its delay is in every latency",
                SignalFinder.number(v.observed()),
                v.unit(),
                v.rule());
    }

    /**
     * A journey some of whose sessions were abandoned: how many, at which step most of them (the
     * funnel's worst step) and why, so a broken login shows as such and not only as an error rate.
     */
    static java.util.Optional<Finding> journeyFinding(String name, JourneySummary j) {
        if (j.abandoned() == 0 || j.steps().isEmpty()) {
            return java.util.Optional.empty();
        }
        JourneySummary.Step worst = j.steps().get(0);
        for (JourneySummary.Step s : j.steps()) {
            if (s.abandoned() > worst.abandoned()) {
                worst = s;
            }
        }
        String why = worst.errors().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        String component = "journey " + name;
        return java.util.Optional.of(new Finding(
                "journey-abandoned",
                component,
                -1,
                String.format(
                        java.util.Locale.US,
                        "journey '%s': %d of %d sessions abandoned (%.1f%%), most at step '%s' (%d%s)",
                        name,
                        j.abandoned(),
                        j.started(),
                        j.started() == 0 ? 0.0 : 100.0 * j.abandoned() / j.started(),
                        worst.name(),
                        worst.abandoned(),
                        why.isEmpty() ? "" : "; errors there: " + why),
                List.of(
                        new Evidence(component, "abandoned", -1, j.abandoned(), "journeys"),
                        new Evidence(component, "started", -1, j.started(), "journeys"),
                        new Evidence(
                                component + "/" + worst.name(), "abandonedHere", -1, worst.abandoned(), "journeys"))));
    }
}
