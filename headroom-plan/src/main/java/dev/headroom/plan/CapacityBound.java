package dev.headroom.plan;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.model.workload.NamedLock;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.sim.StopRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the utilisation law rules out before anything is simulated. Each tier of {@code c} servers
 * with a service demand of {@code D} seconds per request completes at most {@code c / D} requests a
 * second (Denning and Buzen 1978). Demands are read from the spec and taken at their least (every
 * cache hit, no retries, no replication work, no queued jobs), and capacities at their most (the
 * autoscaling maximum, burst IOPS), so the bound is optimistic: what it rules out cannot pass.
 *
 * <p>Over any interval {@code [a, b]} at most {@code mu (b - a + L)} of the requests arriving in it can
 * be answered within {@code L} of arriving, so at least {@code A(a, b) - mu (b - a + L)} of them are
 * late or fail (a fluid bound; {@code mu} is taken 10% above the law's figure for the luck of
 * random service times). A goal {@code pN <= L} with an error goal {@code e} allows at most
 * {@code (1 - N/100 + e)} of the run's requests to be late or fail, so a configuration whose bound
 * exceeds that is pruned. Without an error goal, late requests may fail instead, and nothing is pruned.
 */
public final class CapacityBound {
    /** The bound's allowance for random service times: capacity is taken this much above the law's. */
    static final double LUCK = 1.10;

    private static final int STEPS = 4_000;

    private CapacityBound() {}

    /** One tier's most requests a second: {@code servers / demand}, with how it follows. */
    public record Tier(String name, double perSecond, String why) {}

    /** The arrival curve of a profile on a grid: cumulative expected arrivals at each step. */
    public record Curve(double[] t, double[] arrivals) {
        public static Curve of(Profile p) {
            double total = p.durationSeconds();
            double[] t = new double[STEPS + 1];
            double[] a = new double[STEPS + 1];
            for (int i = 1; i <= STEPS; i++) {
                t[i] = total * i / STEPS;
                a[i] = a[i - 1] + p.expectedArrivals(t[i - 1], t[i]);
            }
            return new Curve(t, a);
        }

        double total() {
            return arrivals[arrivals.length - 1];
        }

        /** The most requests arriving in any interval beyond what {@code mu} a second serves in it. */
        double excess(double mu) {
            double lowest = 0; // min over i <= j of A_i - mu t_i
            double most = 0;
            for (int j = 0; j < t.length; j++) {
                double v = arrivals[j] - mu * t[j];
                lowest = Math.min(lowest, v);
                most = Math.max(most, v - lowest);
            }
            return most;
        }
    }

    /** The tiers of {@code spec} with a known capacity, in the order requests meet them. */
    public static List<Tier> tiers(Spec spec) {
        List<RequestClass> classes = spec.workload().classes();
        double weights = classes.stream().mapToDouble(RequestClass::weight).sum();
        Architecture a = spec.architecture();
        List<Tier> out = new ArrayList<>();
        if (weights <= 0) {
            return out;
        }
        double cpu = 0;
        double dbCpu = 0;
        double dbIo = 0;
        double reads = 0;
        Map<String, Double> locks = new LinkedHashMap<>();
        double hit = a.cache().map(Cache::hitRatio).orElse(0.0);
        for (RequestClass c : classes) {
            double w = c.weight() / weights;
            cpu += w * c.cpu().meanNanos() / 1e9;
            DbDemand d = c.db();
            double classReads = Math.max(0, d.queries() - d.writes());
            double atDb = d.writes() + classReads * (1 - hit);
            dbCpu += w * atDb * d.cpu().meanNanos() / 1e9;
            dbIo += w * atDb * d.ioPerQuery();
            reads += w * classReads;
            for (NamedLock l : c.locks()) {
                locks.merge(l.name(), w * l.hold().meanNanos() / 1e9, Double::sum);
            }
        }
        Pool pool = a.pool();
        double cores = (double) pool.maxInstances() * pool.cores();
        add(
                out,
                pool.name() + ".cpu",
                cores,
                cpu,
                String.format(Locale.US, "%,.0f cores / %.2f ms of CPU per request", cores, cpu * 1e3));
        if (a.cache().isPresent() && reads > 0) {
            Cache c = a.cache().get();
            double service = reads * c.latency().meanNanos() / 1e9;
            add(
                    out,
                    "cache",
                    c.cores(),
                    service,
                    String.format(Locale.US, "%d cores / %.2f ms of lookups per request", c.cores(), service * 1e3));
        }
        Optional<Database> db = a.db();
        if (db.isPresent()) {
            Database d = db.get();
            int nodes = d.shards() * (1 + d.replicas());
            double dbCores = (double) nodes * d.cores();
            add(
                    out,
                    "db.cpu",
                    dbCores,
                    dbCpu,
                    String.format(
                            Locale.US,
                            "%,.0f cores on %d nodes / %.2f ms of queries per request",
                            dbCores,
                            nodes,
                            dbCpu * 1e3));
            if (d.disk().isPresent() && dbIo > 0) {
                Disk disk = d.disk().get();
                double iops = Math.max(
                                disk.iops(),
                                disk.burst().map(b -> b.burstIops()).orElse(0.0))
                        * nodes;
                add(
                        out,
                        "db.disk",
                        iops,
                        dbIo,
                        String.format(Locale.US, "%,.0f IOPS / %.2f I/Os per request", iops, dbIo));
            }
        }
        locks.forEach((name, hold) -> add(
                out,
                "lock " + name,
                1,
                hold,
                String.format(Locale.US, "one holder / %.2f ms held per request", hold * 1e3)));
        return out;
    }

    private static void add(List<Tier> out, String name, double servers, double demandSeconds, String why) {
        if (demandSeconds > 0 && servers > 0) {
            out.add(new Tier(name, servers / demandSeconds, why));
        }
    }

    /**
     * Why {@code spec} (already at its margin) cannot meet its goals whatever is simulated, or empty
     * when the bound does not rule it out. {@code curve} is its profile's arrival curve.
     */
    public static Optional<String> ruledOut(Spec spec, Curve curve) {
        Goals goals = spec.goals();
        if (goals.maxErrorRate().isEmpty() || goals.latencyMillis().isEmpty() || curve.total() <= 0) {
            return Optional.empty();
        }
        double e = goals.maxErrorRate().getAsDouble();
        for (Tier tier : tiers(spec)) {
            double mu = tier.perSecond() * LUCK;
            double excess = curve.excess(mu);
            for (Map.Entry<String, Double> g : goals.latencyMillis().entrySet()) {
                double allowed = (StopRule.allowedSlowFraction(g.getKey()) + e) * curve.total();
                double bad = excess - mu * g.getValue() / 1e3;
                if (bad > allowed) {
                    return Optional.of(String.format(
                            Locale.US,
                            "%s serves at most %,.0f/s (%s): at least %,.0f requests (%.1f%%) are late for %s or fail,"
                                    + " more than the %.2f%% the goals allow",
                            tier.name(),
                            tier.perSecond(),
                            tier.why(),
                            bad,
                            100 * bad / curve.total(),
                            g.getKey(),
                            100 * allowed / curve.total()));
                }
            }
        }
        return Optional.empty();
    }
}
