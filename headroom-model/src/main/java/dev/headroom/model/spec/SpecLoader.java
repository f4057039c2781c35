package dev.headroom.model.spec;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Client;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.architecture.Routing;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import dev.headroom.model.workload.Arrivals;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.model.workload.Distribution;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.model.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a simulation spec from YAML, applies {@code --set} overrides, and validates the whole
 * graph. Either returns an immutable {@link Spec} or throws a {@link SpecException} listing every
 * problem with its location; it never throws anything else for any input text.
 */
public final class SpecLoader {
    private static final String UNLIMITED = "unlimited";

    private final YamlDocument doc;
    private final Problems problems;
    private final ProfileReader profiles;
    private final DistributionReader distributions;
    /** Where each class read was written, and its index, for problems found after reading. */
    private final Map<RequestClass, Site> classSites = new IdentityHashMap<>();

    private record Site(Node node, int index) {}

    private SpecLoader(YamlDocument doc, Path baseDir) {
        this.doc = doc;
        this.problems = doc.problems();
        this.profiles = new ProfileReader(problems, baseDir);
        this.distributions = new DistributionReader(problems);
    }

    public static Spec load(Path file, List<String> overrides) throws SpecException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(List.of(new Problem(
                    file.toString(),
                    0,
                    0,
                    "",
                    null,
                    "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "check the path and that the file is readable",
                    null)));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, overrides, dir == null ? Path.of(".") : dir);
    }

    public static Spec parse(String source, String text, List<String> overrides, Path baseDir) throws SpecException {
        YamlDocument doc = YamlDocument.parse(source, text);
        if (doc.root() != null) {
            Overrides.apply(doc, overrides);
        }
        if (doc.root() == null) {
            throw new SpecException(doc.problems().list());
        }
        // A failed override is left out; the spec is still validated, so every problem comes back at once.
        SpecLoader loader = new SpecLoader(doc, baseDir);
        Spec spec;
        try {
            spec = loader.read();
        } catch (RuntimeException e) {
            // A reader bug must still surface as a located message, never a stack trace.
            loader.problems.add(
                    doc.root(),
                    "",
                    null,
                    "could not read the spec (" + e + ")",
                    "report this as a Headroom bug with the spec attached");
            spec = null;
        }
        if (!loader.problems.isEmpty() || spec == null) {
            throw new SpecException(loader.problems.list());
        }
        return spec;
    }

    private Spec read() {
        Fields root = Fields.of(doc.root(), "", problems);
        String name = root.scalar("name", s -> s).orElse("unnamed");
        String description = root.scalar("description", s -> s).orElse("");
        OptionalLong seed = root.scalar("seed", Quantities::wholeNumber)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        Optional<Workload> workload = root.require(
                        "workload", "add a workload: section with a profile and request classes")
                .map(this::workload);
        Optional<Architecture> arch = root.require("architecture", "add an architecture: section with at least a pool")
                .map(this::architecture);
        root.finish();
        if (workload.isPresent() && arch.isPresent()) {
            crossCheck(workload.get(), arch.get());
        }
        if (workload.isEmpty() || arch.isEmpty()) {
            return null;
        }
        return new Spec(name, description, seed, workload.get(), arch.get());
    }

    private Workload workload(Node node) {
        Fields f = Fields.of(node, "workload", problems);
        Arrivals arrivals = f.scalar("arrivals", s -> enumValue(Arrivals.class, s, List.of("poisson", "uniform")))
                .orElse(Arrivals.POISSON);
        Optional<Profile> profile = f.require(
                        "profile", "add a profile, such as profile: {constant: {rate: 100/s, duration: 5m}}")
                .flatMap(n -> profiles.read(n, f.pathOf("profile")));
        List<RequestClass> classes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = f.list("classes");
        if (!f.has("classes")) {
            f.require("classes", "add at least one request class with a name and a cpu demand");
        } else if (items.isEmpty()) {
            problems.add(
                    f.get("classes").orElse(node),
                    "workload.classes",
                    "needs at least one request class",
                    "add a class with a name and a cpu demand");
        }
        for (int i = 0; i < items.size(); i++) {
            Optional<RequestClass> c = requestClass(items.get(i), "workload.classes[" + i + "]");
            if (c.isPresent()) {
                classSites.put(c.get(), new Site(items.get(i), i));
                if (!names.add(c.get().name())) {
                    problems.add(
                            child(items.get(i), "name"),
                            "workload.classes[" + i + "].name",
                            c.get().name(),
                            "two classes have the same name",
                            "give each class its own name");
                }
                classes.add(c.get());
            }
        }
        f.finish();
        if (profile.isEmpty()) {
            return null;
        }
        return new Workload(profile.get(), arrivals, classes);
    }

    private Optional<RequestClass> requestClass(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<String> name = f.requiredScalar("name", s -> s, "name the class, such as name: browse");
        double weight = f.scalar("weight", Quantities::number).orElse(Defaults.CLASS_WEIGHT);
        if (f.has("weight") && !(weight > 0)) {
            problems.add(
                    f.get("weight").get(),
                    f.pathOf("weight"),
                    "a class weight must be more than zero",
                    "give it a positive weight, or remove the class");
        }
        Optional<Distribution> cpu = f.require("cpu", "give the class a cpu demand, such as cpu: {exponential: 5ms}")
                .flatMap(n -> distributions.read(n, f.pathOf("cpu")));
        DbDemand db = f.get("db").map(n -> dbDemand(n, f.pathOf("db"))).orElse(DbDemand.NONE);
        f.finish();
        if (name.isEmpty() || cpu.isEmpty() || db == null) {
            return Optional.empty();
        }
        return Optional.of(new RequestClass(name.get(), weight, cpu.get(), db));
    }

    private DbDemand dbDemand(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        int queries = count(f, "queries", 1, 0);
        Optional<Distribution> cpu = f.get("cpu").flatMap(n -> distributions.read(n, f.pathOf("cpu")));
        int io = count(f, "io", 0, 0);
        f.finish();
        if (f.has("cpu") && cpu.isEmpty()) {
            return null;
        }
        return new DbDemand(queries, cpu.orElse(new Distribution.Fixed(0)), io);
    }

    private Architecture architecture(Node node) {
        Fields f = Fields.of(node, "architecture", problems);
        long timeout = f.get("client")
                .map(n -> {
                    Fields c = Fields.of(n, "architecture.client", problems);
                    long t = c.scalar("timeout", Quantities::durationNanos)
                            .orElse(Quantities.durationNanos(Defaults.CLIENT_TIMEOUT));
                    positive(c, "timeout", t, "set a timeout such as 10s");
                    c.finish();
                    return t;
                })
                .orElse(Quantities.durationNanos(Defaults.CLIENT_TIMEOUT));
        Optional<LoadBalancer> lb = f.get("lb").map(n -> loadBalancer(n));
        Optional<Pool> pool =
                f.require("pool", "add a pool: {instances: 2, cores: 2}").map(this::pool);
        Optional<Cache> cache = f.get("cache").map(this::cache);
        Optional<Database> db = f.get("db").map(this::database);
        f.finish();
        if (pool.isEmpty()) {
            return null;
        }
        if (pool.get().instances() > 1 && lb.isEmpty()) {
            problems.add(
                    child(f.get("pool").get(), "instances"),
                    "architecture.pool.instances",
                    String.valueOf(pool.get().instances()),
                    "several instances need a load balancer in front of them",
                    "add architecture.lb: {routing: round-robin}, or use one instance");
        }
        if (cache.isPresent() && db.isEmpty()) {
            problems.add(
                    f.get("cache").get(),
                    "architecture.cache",
                    "a cache sits in front of a database, and there is none",
                    "add architecture.db, or remove the cache");
        }
        return new Architecture(new Client(timeout), lb, pool.get(), cache, db);
    }

    private LoadBalancer loadBalancer(Node node) {
        Fields f = Fields.of(node, "architecture.lb", problems);
        Routing routing = f.scalar("routing", s -> routing(s)).orElse(Routing.ROUND_ROBIN);
        OptionalInt backendLimit = limit(f, "backendLimit");
        OptionalInt queue = limit(f, "queueLimit");
        f.finish();
        return new LoadBalancer(
                routing, backendLimit, queue.orElse(f.has("queueLimit") ? Pool.UNLIMITED : Defaults.LB_QUEUE_LIMIT));
    }

    private Pool pool(Node node) {
        Fields f = Fields.of(node, "architecture.pool", problems);
        String name = f.scalar("name", s -> s).orElse(Defaults.POOL_NAME);
        int instances = count(f, "instances", -1, 1);
        f.require("instances", "say how many instances the pool has, such as instances: 4");
        int cores = count(f, "cores", Defaults.POOL_CORES, 1);
        OptionalInt workers = limit(f, "workers");
        OptionalInt accept = limit(f, "acceptQueue");
        f.finish();
        return new Pool(
                name,
                Math.max(instances, 1),
                cores,
                workers.orElse(f.has("workers") ? Pool.UNLIMITED : Defaults.POOL_WORKERS),
                accept.orElse(f.has("acceptQueue") ? Pool.UNLIMITED : Defaults.POOL_ACCEPT_QUEUE));
    }

    private Cache cache(Node node) {
        Fields f = Fields.of(node, "architecture.cache", problems);
        double hit = f.requiredScalar(
                        "hitRatio", Quantities::fraction, "give the cache a hit ratio, such as hitRatio: 0.9")
                .orElse(0.0);
        Distribution latency = f.get("latency")
                .flatMap(n -> distributions.read(n, f.pathOf("latency")))
                .orElse(new Distribution.Fixed(Quantities.durationNanos(Defaults.CACHE_LATENCY)));
        int cores = count(f, "cores", Defaults.CACHE_CORES, 1);
        f.finish();
        return new Cache(hit, latency, cores);
    }

    private Database database(Node node) {
        Fields f = Fields.of(node, "architecture.db", problems);
        OptionalInt connections = limit(f, "connections");
        int cores = count(f, "cores", -1, 1);
        f.require("cores", "say how many cores the database has, such as cores: 4");
        Optional<Disk> disk = f.get("disk").map(n -> {
            Fields d = Fields.of(n, "architecture.db.disk", problems);
            double iops = d.requiredScalar("iops", Quantities::number, "give the disk its IOPS, such as iops: 3000")
                    .orElse(1.0);
            if (d.has("iops") && !(iops > 0)) {
                problems.add(
                        d.get("iops").get(),
                        d.pathOf("iops"),
                        "a disk must serve more than zero IOPS",
                        "set iops to a positive number, such as 3000");
            }
            long latency = d.requiredScalar(
                            "latency", Quantities::durationNanos, "give the per-I/O latency, such as latency: 1ms")
                    .orElse(0L);
            d.finish();
            return new Disk(iops > 0 ? iops : 1.0, latency);
        });
        f.finish();
        return new Database(
                connections.orElse(f.has("connections") ? Pool.UNLIMITED : Defaults.DB_CONNECTIONS),
                Math.max(1, cores),
                disk);
    }

    private void crossCheck(Workload w, Architecture a) {
        for (RequestClass c : w.classes()) {
            Site site = classSites.get(c);
            String path = "workload.classes[" + site.index() + "].db";
            if (c.db().queries() > 0 && a.db().isEmpty()) {
                problems.add(
                        child(site.node(), "db"),
                        path,
                        c.name(),
                        "the class queries a database, but the architecture has none",
                        "add architecture.db: {cores: 4}, or set db.queries: 0");
            }
            if (c.db().ioPerQuery() > 0
                    && a.db().isPresent()
                    && a.db().get().disk().isEmpty()) {
                problems.add(
                        child(site.node(), "db", "io"),
                        path + ".io",
                        c.name(),
                        "the class does disk I/O, but the database has no disk",
                        "add architecture.db.disk: {iops: 3000, latency: 1ms}, or set io: 0");
            }
        }
    }

    /** The value at {@code keys} below {@code node}, or the deepest found, so a problem points at what it names. */
    private static Node child(Node node, String... keys) {
        Node at = node;
        for (String key : keys) {
            Optional<Node> next = Fields.of(at, "", new Problems("", "")).get(key);
            if (next.isEmpty()) {
                return at;
            }
            at = next.get();
        }
        return at;
    }

    private int count(Fields f, String key, int fallback, int min) {
        Optional<Long> v = f.scalar(key, Quantities::wholeNumber);
        if (v.isEmpty()) {
            return fallback;
        }
        if (v.get() < min || v.get() > Integer.MAX_VALUE / 2) {
            problems.add(
                    f.get(key).get(),
                    f.pathOf(key),
                    v.get() < min ? "must be at least " + min : "is too large",
                    "set " + key + " between " + min + " and " + (Integer.MAX_VALUE / 2));
            return fallback < min ? min : fallback;
        }
        return v.get().intValue();
    }

    /** A positive count or the word {@code unlimited}; empty when absent (or unlimited, see callers). */
    private OptionalInt limit(Fields f, String key) {
        Optional<Node> n = f.get(key);
        if (n.isPresent()
                && n.get() instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                && s.getValue().trim().equalsIgnoreCase(UNLIMITED)) {
            return OptionalInt.empty();
        }
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<Long> v = Fields.parseScalar(
                n.get(),
                f.pathOf(key),
                text -> {
                    try {
                        return Quantities.wholeNumber(text);
                    } catch (QuantityException e) {
                        throw new QuantityException(
                                "must be a whole number or 'unlimited'", "write a count such as 100, or unlimited");
                    }
                },
                problems);
        if (v.isEmpty()) {
            return OptionalInt.of(1);
        }
        long value = v.get();
        if (value < 1 || value > Integer.MAX_VALUE / 2) {
            problems.add(
                    n.get(),
                    f.pathOf(key),
                    value < 1 ? "must be at least 1" : "is too large",
                    "set a count of 1 or more, or write unlimited");
            return OptionalInt.of(1);
        }
        return OptionalInt.of((int) value);
    }

    private static void positive(Fields f, String key, long nanos, String fix) {
        if (f.has(key) && nanos <= 0) {
            f.problems().add(f.get(key).get(), f.pathOf(key), "must be longer than zero", fix);
        }
    }

    private static Routing routing(String s) {
        for (Routing r : Routing.values()) {
            if (r.specName().equals(s.trim())) {
                return r;
            }
        }
        throw new QuantityException(
                "unknown routing",
                Names.suggest(
                        s.trim(),
                        Arrays.stream(Routing.values()).map(Routing::specName).toList()));
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String s, List<String> valid) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!valid.contains(v)) {
            throw new QuantityException("unknown value", Names.suggest(v, valid));
        }
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
