package dev.headroom.plan;

import dev.headroom.analysis.Headroom;
import dev.headroom.analysis.HeadroomSearch;
import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.cost.CostModel;
import dev.headroom.model.cost.CostSummary;
import dev.headroom.model.cost.Usage;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Finds the cheapest configuration of a space that meets the spec's goals at the profile scaled by
 * the margin. Every configuration is read and priced first (its cost before simulation is a lower
 * bound of its bill: the pool at its minimum, no surplus credits, no balancer connections) and
 * checked against the utilisation law ({@link CapacityBound}); the rest are simulated in rounds,
 * cheapest first, with screening runs that stop once a goal is lost. Along a count dimension (the
 * search's axis: the one with the most values) more is assumed never to be worse, so each line of
 * the axis is searched by galloping up from its cheapest candidate and then bisecting, and a
 * failure rules out every configuration with no more of any count. The search ends when no
 * configuration left could cost less than the cheapest that passed.
 *
 * <p>Each round holds {@value #ROUND} trials whatever the executor's threads, and every trial uses
 * the plan's seed (common random numbers), so the same seed gives the same answer on any machine.
 */
public final class Planner {
    /** Trials per round: a constant, so the trials chosen do not depend on the machine. */
    public static final int ROUND = 4;

    /** How much more headroom a dearer configuration needs to join the Pareto front. */
    static final double PARETO_STEP = 1.01;

    /** What a plan minimises: the run's event cost, or the steady monthly cost. */
    public enum Objective {
        EVENT,
        MONTHLY
    }

    /** A plan to make: the spec (text, its name for messages, the folder it is in), the space and the constraint. */
    public record Request(
            String source,
            String text,
            Path baseDir,
            List<String> baseOverrides,
            List<Dimension> dimensions,
            double margin,
            Objective objective,
            boolean survive,
            long seed) {
        public Request {
            baseOverrides = List.copyOf(baseOverrides);
            dimensions = List.copyOf(dimensions);
        }
    }

    private final Request request;
    private final Executor executor;
    private final Space space;
    private final int n;
    private final Plan.Status[] status;
    private final double[] estimate;
    private final String[] reason;
    private final Evaluation[] evaluation;
    private final int[] inferredFrom;
    private final int axis;
    private final boolean[] isCount;
    private final Map<Integer, Integer> gallop = new HashMap<>();
    private int runs;
    /** Profile time simulated, in nanoseconds: a sum of integers, the same in any order the runs end. */
    private long simulatedNanos;

    private Planner(Request request, Executor executor) {
        this.request = request;
        this.executor = executor;
        this.space = new Space(request.dimensions());
        this.n = space.size();
        status = new Plan.Status[n];
        estimate = new double[n];
        reason = new String[n];
        evaluation = new Evaluation[n];
        inferredFrom = new int[n];
        Arrays.fill(inferredFrom, -1);
        List<Dimension> dims = space.dimensions();
        isCount = new boolean[dims.size()];
        int best = -1;
        for (int d = 0; d < dims.size(); d++) {
            isCount[d] = dims.get(d).count();
            if (isCount[d]
                    && (best < 0
                            || dims.get(d).values().size()
                                    > dims.get(best).values().size())) {
                best = d;
            }
        }
        axis = best;
    }

    /** Plans {@code request} with trials run by {@code executor}. */
    public static Plan plan(Request request, Executor executor) throws SpecException, InterruptedException {
        return new Planner(request, executor).run();
    }

    private Plan run() throws SpecException, InterruptedException {
        Spec base = SpecLoader.parse(request.source(), request.text(), request.baseOverrides(), request.baseDir());
        if (base.goals().isEmpty()) {
            throw new PlanInputException(
                    request.source(),
                    "the spec has no goals, so every configuration passes and the cheapest is trivially the answer",
                    "add goals such as goals: { p99: 250ms, errors: 0.1% }");
        }
        Spec atMargin = TrialRunner.atMargin(base, request.margin());
        Profile profile = atMargin.workload().profile();
        readEverything();
        refuseAllInvalid();

        Evaluation asWritten = null;
        boolean first = true;
        while (true) {
            double best = bestCost();
            List<Integer> probes = nextRound(best);
            if (probes.isEmpty()) {
                break;
            }
            List<Trial> trials = new ArrayList<>();
            if (first) {
                trials.add(trial(request.baseOverrides()));
            }
            for (int p : probes) {
                trials.add(trial(overrides(p)));
            }
            List<Evaluation> results = executor.evaluate(trials);
            int offset = 0;
            if (first) {
                asWritten = results.get(0);
                count(asWritten);
                offset = 1;
                first = false;
            }
            for (int k = 0; k < probes.size(); k++) {
                record(probes.get(k), results.get(offset + k));
            }
        }
        if (first) {
            asWritten =
                    executor.evaluate(List.of(trial(request.baseOverrides()))).get(0);
            count(asWritten);
        }
        double best = bestCost();
        // Among configurations that cost the same, the one with the most capacity headroom, then the first.
        int chosen = -1;
        for (int i = 0; i < n; i++) {
            if (status[i] == Plan.Status.PASSED
                    && cost(evaluation[i]) == best
                    && (chosen < 0 || evaluation[i].capacityRatio() > evaluation[chosen].capacityRatio())) {
                chosen = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (status[i] == null) {
                status[i] = Plan.Status.COSTLIER;
            }
        }
        Optional<Plan.Candidate> chosenCandidate = chosen < 0 ? Optional.empty() : Optional.of(candidate(chosen));
        List<String> changes = chosen < 0 ? List.of() : changes(base, chosen);
        Optional<Headroom> headroom = chosen < 0 ? Optional.empty() : Optional.of(headroom(chosen));
        return new Plan(
                base.name(),
                request.margin(),
                request.objective(),
                request.survive(),
                request.seed(),
                profile.peakRate(),
                space.dimensions(),
                counts(),
                Optional.ofNullable(asWritten),
                chosenCandidate,
                changes,
                headroom,
                pareto(),
                cheaper(best),
                chosen < 0 ? closest() : Optional.empty(),
                chosen < 0 ? bound() : Optional.empty());
    }

    // ---- reading and pricing every configuration

    /** Reads, prices and bounds every configuration, on every core (each result lands at its own index). */
    private void readEverything() {
        Map<Profile, CapacityBound.Curve> curves = new ConcurrentHashMap<>();
        CostModel costs = new CostModel(Catalog.builtIn());
        IntStream.range(0, n).parallel().forEach(i -> readOne(i, curves, costs));
    }

    private void readOne(int i, Map<Profile, CapacityBound.Curve> curves, CostModel costs) {
        Spec spec;
        try {
            spec = SpecLoader.parse(request.source(), request.text(), overrides(i), request.baseDir());
        } catch (SpecException e) {
            status[i] = Plan.Status.INVALID;
            reason[i] = e.problems().get(0).rule();
            estimate[i] = Double.POSITIVE_INFINITY;
            return;
        }
        Spec m = TrialRunner.atMargin(spec, request.margin());
        estimate[i] = estimatedCost(m, costs);
        CapacityBound.Curve curve = curves.computeIfAbsent(m.workload().profile(), CapacityBound.Curve::of);
        Optional<String> out = CapacityBound.ruledOut(m, curve);
        if (out.isPresent()) {
            status[i] = Plan.Status.BOUND;
            reason[i] = out.get();
        }
    }

    /** A lower bound of the bill before simulation: a scaling pool at its minimum, no surplus, no connections. */
    private double estimatedCost(Spec spec, CostModel costs) {
        Profile p = spec.workload().profile();
        double seconds = p.durationSeconds();
        Pool pool = spec.architecture().pool();
        OptionalDouble instanceSeconds = pool.autoscaling().isPresent()
                ? OptionalDouble.of(pool.autoscaling().map(Autoscaling::min).orElse(pool.instances()) * seconds)
                : OptionalDouble.empty();
        // Fewer requests than a Poisson count almost surely reaches (six standard deviations below the mean).
        double expected = p.expectedArrivals(0, seconds);
        long requests = (long) Math.max(0, expected - 6 * Math.sqrt(expected));
        Usage usage = new Usage(
                seconds, instanceSeconds, Usage.SurplusCredits.NONE, new Usage.Traffic(requests, 0), requests);
        CostSummary bill = costs.price(spec.architecture(), usage);
        return request.objective() == Objective.MONTHLY ? bill.steadyPerMonth() : bill.eventCost();
    }

    // ---- choosing each round's trials

    private double bestCost() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (status[i] == Plan.Status.PASSED) {
                best = Math.min(best, cost(evaluation[i]));
            }
        }
        return best;
    }

    private double cost(Evaluation e) {
        return request.objective() == Objective.MONTHLY ? e.steadyMonthly() : e.eventCost();
    }

    /** The line of a configuration: its number with the axis value set to the first. */
    private int line(int i) {
        if (axis < 0) {
            return i;
        }
        int[] c = space.choice(i);
        c[axis] = 0;
        return space.index(c);
    }

    private int axisValue(int i) {
        return axis < 0 ? 0 : space.choice(i)[axis];
    }

    private List<Integer> nextRound(double best) {
        Map<Integer, List<Integer>> lines = new LinkedHashMap<>();
        Map<Integer, Boolean> passedOnLine = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (status[i] == Plan.Status.PASSED) {
                passedOnLine.put(line(i), true);
            }
            if (status[i] == null && estimate[i] < best) {
                lines.computeIfAbsent(line(i), k -> new ArrayList<>()).add(i);
            }
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<Integer, List<Integer>>> ordered = new ArrayList<>(lines.entrySet());
        for (Map.Entry<Integer, List<Integer>> e : ordered) {
            e.getValue().sort(Comparator.comparingInt(this::axisValue).thenComparingInt(i -> i));
        }
        ordered.sort(Comparator.comparingDouble((Map.Entry<Integer, List<Integer>> e) -> cheapest(e.getValue()))
                .thenComparingInt(Map.Entry::getKey));
        int perLine = Math.max(1, (ROUND + ordered.size() - 1) / ordered.size());
        List<Integer> probes = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : ordered) {
            if (probes.size() >= ROUND) {
                break;
            }
            List<Integer> candidates = e.getValue();
            int take = Math.min(perLine, ROUND - probes.size());
            List<Integer> picked = new ArrayList<>();
            if (axis < 0) {
                // No count to search along: every configuration is its own line, cheapest first.
                picked.add(candidates.get(0));
            } else if (passedOnLine.containsKey(e.getKey())) {
                // Bracketed between a failure below and a pass above: bisect.
                for (int j = 1; j <= take; j++) {
                    picked.add(candidates.get((int) ((long) j * candidates.size() / (take + 1))));
                }
            } else {
                // Gallop up from the cheapest candidate: each failure moves the start past it, and the
                // next probe goes 1, 2, 4, 8, ... steps beyond the last failure. Several probes of one
                // round are placed as if the ones before them failed.
                int g = gallop.getOrDefault(e.getKey(), 0);
                long position = -1;
                for (int j = 0; j < take; j++) {
                    position += 1L << Math.min(30, Math.max(0, g + j - 1));
                    picked.add(candidates.get((int) Math.min(candidates.size() - 1, position)));
                }
                gallop.put(e.getKey(), g + take);
            }
            for (int p : picked) {
                if (!probes.contains(p)) {
                    probes.add(p);
                }
            }
        }
        return probes;
    }

    private double cheapest(List<Integer> candidates) {
        double c = Double.POSITIVE_INFINITY;
        for (int i : candidates) {
            c = Math.min(c, estimate[i]);
        }
        return c;
    }

    private List<String> overrides(int i) {
        List<String> o = new ArrayList<>(request.baseOverrides());
        o.addAll(space.overrides(i));
        return o;
    }

    private Trial trial(List<String> overrides) {
        return new Trial(
                request.source(),
                request.text(),
                request.baseDir().toString(),
                overrides,
                request.margin(),
                request.seed(),
                request.survive(),
                true);
    }

    private void count(Evaluation e) {
        runs++;
        simulatedNanos += Math.round(e.simulatedSeconds() * 1e9);
    }

    private void record(int i, Evaluation e) {
        count(e);
        evaluation[i] = e;
        if (e.passed()) {
            status[i] = Plan.Status.PASSED;
            return;
        }
        status[i] = e.stoppedEarly() ? Plan.Status.SCREENED_OUT : Plan.Status.FAILED;
        reason[i] = e.detail();
        inferFailures(i);
    }

    /** Every configuration with the same choices and no more of any count than {@code failed} fails too. */
    private void inferFailures(int failed) {
        int[] f = space.choice(failed);
        for (int i = 0; i < n; i++) {
            if (status[i] != null) {
                continue;
            }
            int[] c = space.choice(i);
            boolean below = true;
            for (int d = 0; d < c.length && below; d++) {
                below = isCount[d] ? c[d] <= f[d] : c[d] == f[d];
            }
            if (below) {
                status[i] = Plan.Status.INFERRED;
                inferredFrom[i] = failed;
            }
        }
    }

    // ---- the answer

    private Plan.Candidate candidate(int i) {
        Evaluation e = evaluation[i];
        Evaluation source = e != null ? e : inferredFrom[i] >= 0 ? evaluation[inferredFrom[i]] : null;
        String detail = reason[i];
        if (status[i] == Plan.Status.INFERRED) {
            detail = "fails as " + String.join(" ", space.overrides(inferredFrom[i]))
                    + " does, with no more of any count: " + reason[inferredFrom[i]];
        }
        return new Plan.Candidate(
                i,
                space.overrides(i),
                status[i],
                knownCost(i),
                !billed(i),
                source == null ? (status[i] == Plan.Status.BOUND ? "capacity" : null) : source.goal(),
                source == null ? boundTier(reason[i]) : givesOut(source),
                detail,
                e);
    }

    private static String givesOut(Evaluation e) {
        String lost = TrialRunner.lost(e);
        return lost != null ? lost : e.component();
    }

    /** Whether configuration {@code i} has a whole run's bill: a run stopped early billed only its first part. */
    private boolean billed(int i) {
        return evaluation[i] != null && !evaluation[i].stoppedEarly();
    }

    /** The simulated bill of a run to the end, else the estimate before simulation (a stopped run's is partial). */
    private double knownCost(int i) {
        return billed(i) ? cost(evaluation[i]) : estimate[i];
    }

    private static String boundTier(String why) {
        if (why == null) {
            return null;
        }
        int cut = why.indexOf(" serves at most");
        return cut < 0 ? null : why.substring(0, cut);
    }

    /** The dimension values of {@code chosen} that change the spec as written. */
    private List<String> changes(Spec base, int chosen) throws SpecException {
        List<String> out = new ArrayList<>();
        for (String o : space.overrides(chosen)) {
            List<String> one = new ArrayList<>(request.baseOverrides());
            one.add(o);
            Spec changed = SpecLoader.parse(request.source(), request.text(), one, request.baseDir());
            if (!changed.equals(base)) {
                out.add(o);
            }
        }
        return out;
    }

    /** The chosen configuration's headroom: the largest scale of the margin's profile at which its goals hold. */
    private Headroom headroom(int chosen) {
        Spec spec = TrialRunner.atMargin(TrialRunner.spec(trial(overrides(chosen))), request.margin());
        HeadroomSearch.ScaledRun probe = scale -> {
            Trial t = new Trial(
                    request.source(),
                    request.text(),
                    request.baseDir().toString(),
                    overrides(chosen),
                    request.margin() * scale,
                    request.seed(),
                    false,
                    true);
            Evaluation e = TrialRunner.run(t);
            synchronized (this) {
                count(e);
            }
            return new HeadroomSearch.Outcome(e.passed(), e.goal());
        };
        return new HeadroomSearch(
                        probe,
                        HeadroomSearch.DEFAULT_PRECISION,
                        Runtime.getRuntime().availableProcessors())
                .run(spec.workload().profile().peakRate());
    }

    private List<Plan.Candidate> pareto() {
        List<Integer> passed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (status[i] == Plan.Status.PASSED) {
                passed.add(i);
            }
        }
        passed.sort(
                Comparator.comparingDouble((Integer i) -> cost(evaluation[i])).thenComparingInt(i -> i));
        List<Plan.Candidate> front = new ArrayList<>();
        double most = Double.NEGATIVE_INFINITY;
        for (int i : passed) {
            // A dearer configuration joins the front only with clearly more headroom (1%): not for noise.
            if (evaluation[i].capacityRatio() > most * PARETO_STEP || most == Double.NEGATIVE_INFINITY) {
                most = evaluation[i].capacityRatio();
                front.add(candidate(i));
            }
        }
        return front;
    }

    private List<Plan.Candidate> cheaper(double best) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean failed = status[i] != Plan.Status.PASSED && status[i] != Plan.Status.COSTLIER;
            if (failed && (knownCost(i) < best || best == Double.POSITIVE_INFINITY)) {
                out.add(i);
            }
        }
        out.sort(Comparator.comparingDouble(this::knownCost).thenComparingInt(i -> i));
        List<Plan.Candidate> list = new ArrayList<>();
        for (int i : out) {
            list.add(candidate(i));
        }
        return list;
    }

    /** When nothing passed: the simulated configuration that came nearest. */
    private Optional<Plan.Candidate> closest() {
        int best = -1;
        double score = -1;
        for (int i = 0; i < n; i++) {
            Evaluation e = evaluation[i];
            if (e == null) {
                continue;
            }
            // A run that went to the end beats any stopped one; among stopped runs, the one that lasted longest.
            double s = e.stoppedEarly() ? e.simulatedSeconds() / Math.max(1e-9, fullSeconds()) : 1 + e.capacityRatio();
            if (s > score) {
                score = s;
                best = i;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(candidate(best));
    }

    private double fullSeconds() {
        double most = 0;
        for (Evaluation e : evaluation) {
            if (e != null && !e.stoppedEarly()) {
                most = Math.max(most, e.simulatedSeconds());
            }
        }
        return most == 0 ? Double.POSITIVE_INFINITY : most;
    }

    /** When nothing passed: the bound that rules out the most capable configuration the law ruled out. */
    private Optional<String> bound() {
        for (int i = n - 1; i >= 0; i--) {
            if (status[i] == Plan.Status.BOUND) {
                return Optional.of(String.join(" ", space.overrides(i)) + ": " + reason[i]);
            }
        }
        return Optional.empty();
    }

    /** A misspelt path (or values all out of bounds) is bad input, not a space without an answer. */
    private void refuseAllInvalid() {
        for (Plan.Status s : status) {
            if (s != Plan.Status.INVALID) {
                return;
            }
        }
        try {
            SpecLoader.parse(request.source(), request.text(), overrides(0), request.baseDir());
        } catch (SpecException e) {
            throw new PlanInputException(
                    "plan",
                    "no configuration of the space is a valid spec; the first is refused with:\n"
                            + e.problems().get(0).format(),
                    "check the paths and values varied (--vary or plan.vary)");
        }
    }

    private Plan.Counts counts() {
        int[] by = new int[Plan.Status.values().length];
        for (Plan.Status s : status) {
            by[s.ordinal()]++;
        }
        return new Plan.Counts(
                n,
                by[Plan.Status.INVALID.ordinal()],
                by[Plan.Status.BOUND.ordinal()],
                by[Plan.Status.INFERRED.ordinal()],
                by[Plan.Status.COSTLIER.ordinal()],
                by[Plan.Status.SCREENED_OUT.ordinal()],
                by[Plan.Status.FAILED.ordinal()] + by[Plan.Status.PASSED.ordinal()],
                by[Plan.Status.PASSED.ordinal()],
                runs,
                simulatedNanos / 1e9);
    }
}
