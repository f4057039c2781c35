package dev.headroom.model.spec;

import dev.headroom.model.units.QuantityException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Every upper bound a spec's numbers are held to, in one place, with the reason for each: what a
 * real system could need, with room to spare, and what the simulator can still do with it.
 * Printed by {@code headroom defaults} and in docs/model.md. A value above its bound is a located
 * problem like any other, so a typo such as {@code rate: 1e308/s} or {@code instances: 1000000}
 * is refused before anything runs.
 */
public final class Limits {
    private Limits() {}

    /** One bound: the most {@code what} may be, written as {@code shown}, and why. */
    public record Limit(String what, double max, String shown, String why) {

        /** {@code value}, or a {@link QuantityException} saying the bound and how to stay under it. */
        public double check(double value) {
            if (!(value <= max)) {
                throw new QuantityException("must be at most " + shown, "write at most " + shown + " (" + why + ")");
            }
            return value;
        }

        public long check(long value) {
            check((double) value);
            return value;
        }

        /** Whether the value read from the scalar {@code node} is within the bound; if not, a problem says so. */
        boolean within(double value, Node node, String path, Problems problems) {
            return within(value, node, path, node instanceof ScalarNode s ? s.getValue() : null, problems);
        }

        /** Whether {@code value} is within the bound; if not, a problem at {@code node} says so. */
        boolean within(double value, Node node, String path, String shownValue, Problems problems) {
            try {
                check(value);
                return true;
            } catch (QuantityException e) {
                problems.add(node, path, shownValue, e.rule(), e.fix());
                return false;
            }
        }

        /** {@code parser} followed by this bound, for {@link Fields#scalar}. */
        public Function<String, Double> number(Function<String, Double> parser) {
            return text -> check(parser.apply(text));
        }

        /** {@code parser} of a duration in nanoseconds followed by this bound (given in seconds). */
        public Function<String, Long> nanos(Function<String, Long> parser) {
            return text -> {
                long nanos = parser.apply(text);
                check(nanos / 1e9);
                return nanos;
            };
        }
    }

    private static final String SIMULATOR = "the simulator runs about 3 million requests a second";

    public static final Limit RATE = new Limit(
            "rate (any phase, peak or step, and the scaled peak)",
            10_000_000,
            "10,000,000/s",
            "the largest web properties serve a few million requests a second at peak; " + SIMULATOR);
    public static final Limit CHAOS_PER_HOUR = new Limit(
            "chaos kills per hour (rate, or 1h / every)",
            3_600,
            "3600 per hour (every: 1s)",
            "Chaos Monkey kills a few instances a day; at one a second no instance stays up");
    public static final Limit SCALE = new Limit(
            "workload.profile.scale",
            1_000,
            "1000x",
            "load tests go to a few times a recorded peak; 1000x still scales up a tiny sample curve");
    public static final Limit PROFILE_SECONDS =
            new Limit("profile duration", 400 * 86_400.0, "400 days", "a year of daily curves, with room to spare");
    public static final Limit TIMEOUT_SECONDS = new Limit(
            "timeouts, back-offs, goals and scaling delays",
            86_400,
            "1 day",
            "no client or pool waits a day; every waiting request is held in memory until then");
    public static final Limit SERVICE_SECONDS = new Limit(
            "a time distribution (cpu, latency, lock hold)",
            3_600,
            "1 hour",
            "a request that holds a server for an hour is a batch job, not a web request");
    public static final Limit INSTANCES = new Limit(
            "instances, autoscaling min/max/desired and step sizes",
            10_000,
            "10,000",
            "a large Auto Scaling group has a few thousand instances; least-outstanding routing looks at"
                    + " each one for every request");
    public static final Limit CORES =
            new Limit("cores and catalog vcpus", 1_024, "1,024", "the largest EC2 instance (u7in-32tb) has 896 vCPUs");
    public static final Limit WORKERS = new Limit(
            "pool workers and queue workers",
            100_000,
            "100,000",
            "Tomcat defaults to 200 threads; an event-loop server holds tens of thousands of requests");
    public static final Limit CONNECTIONS = new Limit(
            "db connections and dbPool size",
            100_000,
            "100,000",
            "MySQL's max_connections tops out at 100,000 (PostgreSQL's at 262,143, which no one runs)");
    public static final Limit QUEUE = new Limit(
            "acceptQueue, lb queueLimit and backendLimit",
            1_000_000,
            "1,000,000",
            "Linux caps a listen backlog at 65,535 and a classic ELB's surge queue holds 1,024");
    public static final Limit BALANCERS = new Limit("lb count", 100, "100", "DNS round robin over a few balancers");
    public static final Limit CLASSES = new Limit(
            "request classes",
            1_000,
            "1,000",
            "a service has tens of endpoints worth modelling apart; each class keeps its own histograms"
                    + " (about 0.3 MB)");
    public static final Limit PER_REQUEST = new Limit(
            "db queries, io, writes, inserts and pages of one request",
            10_000,
            "10,000",
            "an N+1 query pattern reaches thousands; each query is an event in the simulation");
    public static final Limit LOCKS = new Limit("locks of one class", 100, "100", "a transaction takes a few locks");
    public static final Limit RETRIES = new Limit("client retries", 100, "100", "clients retry 3 to 5 times");
    public static final Limit CHECKS = new Limit(
            "health check thresholds and alarm periods", 1_000, "1,000", "ALB allows 2 to 10 consecutive checks");
    public static final Limit REPLICAS = new Limit("db replicas", 100, "100", "RDS and Aurora allow 15 read replicas");
    public static final Limit SHARDS = new Limit("db shards", 10_000, "10,000", "large fleets run a few thousand");
    public static final Limit CACHE_NODES =
            new Limit("cache nodes", 1_000, "1,000", "an ElastiCache cluster holds up to 500 nodes");
    public static final Limit CACHE_KEYS =
            new Limit("cache keys count", 1e12, "1,000,000,000,000", "a trillion keys is a petabyte of 1 KiB items");
    public static final Limit MEMORY_GIB = new Limit(
            "memory and data sizes (GiB)",
            1_048_576,
            "1 PiB",
            "the largest instance has 32 TiB of memory; a petabyte covers a sharded data set");
    public static final Limit ZIPF =
            new Limit("zipf exponents", 4, "4", "measured popularity exponents lie between 0.5 and 1.5");
    public static final Limit ITEM_BYTES = new Limit(
            "itemSize, rowSize, pageSize and lb bytesPerRequest",
            1024.0 * 1024 * 1024,
            "1 GiB",
            "memcached items stop at 1 GiB");
    public static final Limit REQUESTS_PER_CONNECTION = new Limit(
            "lb requestsPerConnection",
            1_000_000,
            "1,000,000",
            "a keep-alive connection serves hundreds to thousands of requests before it is recycled");
    public static final Limit IOPS = new Limit(
            "disk and EBS IOPS", 10_000_000, "10,000,000", "io2 Block Express serves 256,000; local NVMe millions");
    public static final Limit THROUGHPUT_MBPS =
            new Limit("EBS throughput (MB/s)", 1_000_000, "1,000,000 MB/s", "the fastest instances move 100 Gbit/s");
    public static final Limit WEIGHT = new Limit(
            "class weights and rowsAdded", 1_000_000, "1,000,000", "weights are ratios; a million to one is plenty");
    public static final Limit PRICE = new Limit(
            "catalog pricePerHour", 10_000, "10,000 per hour", "the dearest EC2 instance costs a few hundred");
    public static final Limit CREDITS =
            new Limit("catalog CPU credits", 1_000_000_000, "1,000,000,000", "a t3.2xlarge accrues at most 4,608");
    public static final Limit FILE_BYTES =
            new Limit("spec and replay file size", 4 * 1024 * 1024, "4 MiB", "the largest example is a few kilobytes");
    public static final Limit SCALAR_CHARS = new Limit(
            "one line of a spec file",
            64 * 1024,
            "65,536 characters",
            "a spec line is short; SnakeYAML slows down quadratically on one huge value");
    public static final Limit PLAN_CONFIGURATIONS = new Limit(
            "configurations in a plan's space (the product of its dimensions)",
            100_000,
            "100,000",
            "each is a spec to read and price; a space this big is answered by pruning in minutes, a bigger"
                    + " one needs fewer values per dimension");
    public static final Limit MARGIN = new Limit(
            "plan --margin",
            100,
            "100x",
            "a plan checks a peak a few times the profile's (story 5 plans at 150%); 100x is another system");
    public static final Limit REPLAY_POINTS =
            new Limit("replay points", 1_000_000, "1,000,000", "eleven days of one point a second");

    /** Every bound, in the order docs/model.md and {@code headroom defaults} list them. */
    public static List<Limit> all() {
        return List.of(
                RATE,
                SCALE,
                CHAOS_PER_HOUR,
                PROFILE_SECONDS,
                TIMEOUT_SECONDS,
                SERVICE_SECONDS,
                INSTANCES,
                CORES,
                WORKERS,
                CONNECTIONS,
                QUEUE,
                BALANCERS,
                CLASSES,
                PER_REQUEST,
                LOCKS,
                RETRIES,
                CHECKS,
                REPLICAS,
                SHARDS,
                CACHE_NODES,
                CACHE_KEYS,
                MEMORY_GIB,
                ZIPF,
                ITEM_BYTES,
                REQUESTS_PER_CONNECTION,
                IOPS,
                THROUGHPUT_MBPS,
                WEIGHT,
                PRICE,
                CREDITS,
                FILE_BYTES,
                SCALAR_CHARS,
                REPLAY_POINTS,
                PLAN_CONFIGURATIONS,
                MARGIN);
    }

    /** One line per bound, as {@code headroom defaults} prints them. */
    public static String describe() {
        StringBuilder out = new StringBuilder();
        for (Limit l : all()) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append(String.format(Locale.ROOT, "%-58s at most %-18s (%s)", l.what(), l.shown(), l.why()));
        }
        return out.toString();
    }
}
