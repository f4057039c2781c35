package dev.headroom.model.spec;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Client;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.HealthCheck;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Machine;
import dev.headroom.model.architecture.MessageQueue;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.architecture.Routing;
import dev.headroom.model.cache.CheApproximation;
import dev.headroom.model.catalog.RdsConnections;
import dev.headroom.model.catalog.Service;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import dev.headroom.model.workload.Arrivals;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.model.workload.Distribution;
import dev.headroom.model.workload.Job;
import dev.headroom.model.workload.NamedLock;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.model.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
    /** The capacity settings left to their defaults: path to the value and its source. */
    private final Map<String, String> defaulted = new java.util.TreeMap<>();

    private final ProfileReader profiles;
    private final DistributionReader distributions;
    private final CloudReader cloud;
    private final ResilienceReader resilience;
    /** The database names a disk or volume, valid or not: a missing disk is then already reported. */
    private boolean storageWritten;
    /** Where each class read was written, and its index, for problems found after reading. */
    private final Map<RequestClass, Site> classSites = new IdentityHashMap<>();

    private record Site(Node node, int index) {}

    private SpecLoader(YamlDocument doc, Path baseDir) {
        this.doc = doc;
        this.problems = doc.problems();
        this.profiles = new ProfileReader(problems, baseDir);
        this.distributions = new DistributionReader(problems);
        this.cloud = new CloudReader(problems);
        this.resilience = new ResilienceReader(problems);
    }

    public static Spec load(Path file, List<String> overrides) throws SpecException {
        return parse(file.toString(), YamlDocument.readFile(file), overrides, YamlDocument.baseDirOf(file));
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
        root.get("catalog").ifPresent(cloud::readCatalog);
        Optional<Workload> workload = root.require(
                        "workload", "add a workload: section with a profile and request classes")
                .map(this::workload);
        Optional<Architecture> arch = root.require("architecture", "add an architecture: section with at least a pool")
                .map(this::architecture);
        Goals goals = root.get("goals").map(this::goals).orElse(Goals.NONE);
        Failures failures = arch.isPresent()
                ? resilience.failures(root.get("failures"), root.get("chaos"), arch.get())
                : Failures.NONE;
        PlanSettings plan = root.get("plan").map(this::plan).orElse(PlanSettings.NONE);
        root.finish();
        if (workload.isPresent() && arch.isPresent()) {
            crossCheck(workload.get(), arch.get());
            resilience.checkTimes(workload.get().profile().durationSeconds());
        }
        if (workload.isEmpty() || arch.isEmpty()) {
            return null;
        }
        return new Spec(name, description, seed, workload.get(), arch.get(), goals, failures, plan, defaulted);
    }

    /** {@code goals: {p99: 500ms, errors: 1%}}: latency percentile bounds and an error-rate bound. */
    private Goals goals(Node node) {
        Fields f = Fields.of(node, "goals", problems);
        Map<String, Double> latency = new LinkedHashMap<>();
        for (String p : Goals.PERCENTILES) {
            f.scalar(p, Limits.TIMEOUT_SECONDS.nanos(Quantities::durationNanos)).ifPresent(nanos -> {
                if (nanos <= 0) {
                    problems.add(
                            f.get(p).get(),
                            f.pathOf(p),
                            "a latency goal must be longer than zero",
                            "write a bound such as " + p + ": 500ms");
                }
                latency.put(p, nanos / 1e6);
            });
        }
        OptionalDouble errors =
                f.scalar("errors", Quantities::fraction).map(OptionalDouble::of).orElse(OptionalDouble.empty());
        f.finish();
        return new Goals(latency, errors);
    }

    /**
     * The {@code plan:} section. Its dimensions are kept as written (a path and its values, located);
     * {@code headroom plan} reads the values, which may name the catalog, and reports them here.
     */
    private PlanSettings plan(Node node) {
        Fields f = Fields.of(node, "plan", problems);
        List<PlanSettings.Vary> vary = new ArrayList<>();
        f.get("vary").ifPresent(v -> {
            Fields dims = Fields.of(v, "plan.vary", problems);
            for (String path : dims.keys()) {
                Node value = dims.get(path).orElse(null);
                String text = null;
                if (value instanceof org.yaml.snakeyaml.nodes.ScalarNode sc) {
                    text = sc.getValue();
                } else if (value instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
                    List<String> items = new ArrayList<>();
                    for (Node item : seq.getValue()) {
                        if (item instanceof org.yaml.snakeyaml.nodes.ScalarNode si) {
                            items.add(si.getValue());
                        } else {
                            problems.add(
                                    item,
                                    dims.pathOf(path),
                                    "a value to try must be one plain value",
                                    "write [c5.large, m5.large]");
                            items = null;
                            break;
                        }
                    }
                    text = items == null ? null : String.join(",", items);
                } else {
                    problems.add(
                            value,
                            dims.pathOf(path),
                            "the values to try must be a list, a range or a catalog filter",
                            "write [c5.large, m5.large], 2..40 or instances(family=c5)");
                }
                if (text != null) {
                    org.yaml.snakeyaml.error.Mark m = value.getStartMark();
                    vary.add(new PlanSettings.Vary(
                            path,
                            text,
                            problems.source(),
                            m == null ? 0 : m.getLine() + 1,
                            m == null ? 0 : m.getColumn() + 1));
                }
                dims.get(path); // every key under vary: is a path, none is unknown
            }
        });
        OptionalDouble margin = f.scalar("margin", Limits.MARGIN.number(Quantities::factor))
                .map(OptionalDouble::of)
                .orElse(OptionalDouble.empty());
        margin.ifPresent(m -> {
            if (!(m > 0)) {
                problems.add(
                        f.get("margin").get(),
                        f.pathOf("margin"),
                        "the margin must be above zero",
                        "write 1.5 for 150% of the profile");
            }
        });
        Optional<String> minimise = f.scalar("minimise", s -> oneOf(s, PlanSettings.OBJECTIVES));
        Optional<String> survive = f.scalar("survive", s -> oneOf(s, PlanSettings.SURVIVE));
        f.finish();
        return new PlanSettings(vary, margin, minimise, survive);
    }

    private static String oneOf(String s, List<String> valid) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!valid.contains(v)) {
            throw new QuantityException("unknown value", Names.suggest(v, valid));
        }
        return v;
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
        List<Node> written = f.list("classes");
        List<Node> items = tooMany(f, "classes", written, Limits.CLASSES);
        if (!f.has("classes")) {
            f.require("classes", "add at least one request class with a name and a cpu demand");
        } else if (written.isEmpty()) {
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
        double weight =
                f.scalar("weight", Limits.WEIGHT.number(Quantities::number)).orElse(Defaults.CLASS_WEIGHT);
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
        Optional<Optional<Job>> job = f.get("job").map(n -> job(n, f.pathOf("job")));
        List<NamedLock> locks = new ArrayList<>();
        List<Node> lockItems = tooMany(f, "locks", f.list("locks"), Limits.LOCKS);
        boolean locksOk = true;
        for (int i = 0; i < lockItems.size(); i++) {
            Fields l = Fields.of(lockItems.get(i), f.pathOf("locks") + "[" + i + "]", problems);
            Optional<String> lockName =
                    l.requiredScalar("name", String::trim, "name the lock, such as name: inventory-row");
            Optional<Distribution> hold = l.require("hold", "say how long it is held, such as hold: 3ms")
                    .flatMap(h -> distributions.read(h, l.pathOf("hold")));
            l.finish();
            if (lockName.isPresent() && hold.isPresent()) {
                locks.add(new NamedLock(lockName.get(), hold.get()));
            } else {
                locksOk = false;
            }
        }
        f.finish();
        if (name.isEmpty()
                || cpu.isEmpty()
                || db == null
                || (job.isPresent() && job.get().isEmpty())
                || !locksOk) {
            return Optional.empty();
        }
        return Optional.of(new RequestClass(name.get(), weight, cpu.get(), db, job.orElse(Optional.empty()), locks));
    }

    /** {@code job: {cpu: 20ms, db: {...}}}: work left for the queue's workers. */
    private Optional<Job> job(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<Distribution> cpu = f.require("cpu", "give the job's CPU time on a worker, such as cpu: 20ms")
                .flatMap(n -> distributions.read(n, f.pathOf("cpu")));
        DbDemand db = f.get("db").map(n -> dbDemand(n, f.pathOf("db"))).orElse(DbDemand.NONE);
        f.finish();
        return cpu.isPresent() && db != null ? Optional.of(new Job(cpu.get(), db)) : Optional.empty();
    }

    private DbDemand dbDemand(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        int queries = count(f, "queries", 1, 0, Limits.PER_REQUEST);
        Optional<Distribution> cpu = f.get("cpu").flatMap(n -> distributions.read(n, f.pathOf("cpu")));
        int io = count(f, "io", 0, 0, Limits.PER_REQUEST);
        int writes = count(f, "writes", 0, 0, Limits.PER_REQUEST);
        int inserts = count(f, "inserts", 0, 0, Limits.PER_REQUEST);
        int pages = count(f, "pages", 0, 0, Limits.PER_REQUEST);
        double rowsAdded =
                f.scalar("rowsAdded", Limits.WEIGHT.number(Quantities::number)).orElse(0.0);
        if (writes > queries) {
            problems.add(
                    f.get("writes").get(),
                    f.pathOf("writes"),
                    "a request cannot write in more queries than it makes (" + queries + ")",
                    "lower writes to at most queries");
        }
        if (inserts > writes) {
            problems.add(
                    f.get("inserts").get(),
                    f.pathOf("inserts"),
                    "inserts are writes, so there cannot be more of them than writes (" + writes + ")",
                    "raise writes or lower inserts");
        }
        if (rowsAdded < 0) {
            problems.add(
                    f.get("rowsAdded").get(),
                    f.pathOf("rowsAdded"),
                    "rows added cannot be negative",
                    "write 0 or more");
        }
        f.finish();
        if (f.has("cpu") && cpu.isEmpty()) {
            return null;
        }
        return new DbDemand(
                queries,
                cpu.orElse(new Distribution.Fixed(0)),
                io,
                Math.min(writes, queries),
                Math.min(inserts, writes),
                pages,
                Math.max(0, rowsAdded));
    }

    private Architecture architecture(Node node) {
        Fields f = Fields.of(node, "architecture", problems);
        Client client =
                f.get("client").map(this::client).orElse(new Client(Quantities.durationNanos(Defaults.CLIENT_TIMEOUT)));
        Optional<LoadBalancer> lb = f.get("lb").map(n -> loadBalancer(n));
        Optional<Pool> pool =
                f.require("pool", "add a pool: {instances: 2, cores: 2}").map(this::pool);
        Optional<Cache> cache = f.get("cache").map(this::cache);
        Optional<Database> db = f.get("db").map(this::database);
        Optional<MessageQueue> queue = f.get("queue").map(this::queue);
        f.finish();
        if (pool.isEmpty()) {
            return null;
        }
        if (pool.get().autoscaling().isPresent() && lb.isEmpty()) {
            problems.add(
                    child(f.get("pool").get(), "autoscaling"),
                    "architecture.pool.autoscaling",
                    null,
                    "a group that adds and removes instances needs a load balancer in front of them",
                    "add architecture.lb: {routing: round-robin}");
        } else if (pool.get().instances() > 1 && lb.isEmpty()) {
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
        if (queue.isPresent() && queue.get().kind() == MessageQueue.Kind.TABLE && db.isEmpty()) {
            problems.add(
                    f.get("queue").get(),
                    "architecture.queue.kind",
                    "table",
                    "a queue in a database table needs a database",
                    "add architecture.db, or use kind: broker");
        }
        return new Architecture(client, lb, pool.get(), cache, db, queue);
    }

    private MessageQueue queue(Node n) {
        Fields q = Fields.of(n, "architecture.queue", problems);
        MessageQueue.Kind kind = q.scalar(
                        "kind", s -> enumValue(MessageQueue.Kind.class, s, List.of("broker", "table")))
                .orElse(MessageQueue.Kind.BROKER);
        int workers = count(q, "workers", -1, 1, Limits.WORKERS);
        if (!q.has("workers")) {
            problems.add(
                    n,
                    "architecture.queue.workers",
                    null,
                    "is required",
                    "say how many jobs the workers run at once, such as workers: 8");
        }
        Distribution latency = q.get("latency")
                .flatMap(l -> distributions.read(l, q.pathOf("latency")))
                .orElse(new Distribution.Fixed(Quantities.durationNanos(Defaults.QUEUE_PUBLISH_LATENCY)));
        resilience.cannotScale(q, "the queue");
        q.finish();
        return new MessageQueue(kind, Math.max(1, workers), latency);
    }

    private Client client(Node n) {
        Fields c = Fields.of(n, "architecture.client", problems);
        long t = c.scalar("timeout", Limits.TIMEOUT_SECONDS.nanos(Quantities::durationNanos))
                .orElse(Quantities.durationNanos(Defaults.CLIENT_TIMEOUT));
        positive(c, "timeout", t, "set a timeout such as 10s");
        int retries = count(c, "retries", 0, 0, Limits.RETRIES);
        long backoff = c.scalar("backoff", Limits.TIMEOUT_SECONDS.nanos(Quantities::durationNanos))
                .orElse(Quantities.durationNanos(Defaults.CLIENT_BACKOFF));
        c.finish();
        return new Client(t, retries, backoff);
    }

    private LoadBalancer loadBalancer(Node node) {
        Fields f = Fields.of(node, "architecture.lb", problems);
        Routing routing = f.scalar("routing", s -> routing(s)).orElse(Routing.ROUND_ROBIN);
        OptionalInt backendLimit = limit(f, "backendLimit", Limits.QUEUE);
        OptionalInt queue = limit(f, "queueLimit", Limits.QUEUE);
        int count = count(f, "count", 1, 1, Limits.BALANCERS);
        HealthCheck healthCheck = resilience.healthCheck(f);
        Optional<LoadBalancer.Provider> provider = cloud.balancer(f);
        resilience.cannotScale(f, "the balancer");
        f.finish();
        if (!f.has("queueLimit")) {
            defaulted.put("architecture.lb.queueLimit", Defaults.LB_QUEUE_LIMIT + " (a classic ELB's surge queue)");
        }
        return new LoadBalancer(
                routing,
                backendLimit,
                queue.orElse(f.has("queueLimit") ? Pool.UNLIMITED : Defaults.LB_QUEUE_LIMIT),
                count,
                healthCheck,
                provider);
    }

    private Pool pool(Node node) {
        Fields f = Fields.of(node, "architecture.pool", problems);
        String name = f.scalar("name", s -> s).orElse(Defaults.POOL_NAME);
        int instances = count(f, "instances", -1, 1, Limits.INSTANCES);
        f.require("instances", "say how many instances the pool has, such as instances: 4");
        Optional<Machine> machine = cloud.machine(f);
        int cores = count(f, "cores", machine.map(m -> m.type().vcpus()).orElse(Defaults.POOL_CORES), 1, Limits.CORES);
        OptionalInt workers = limit(f, "workers", Limits.WORKERS);
        OptionalInt accept = limit(f, "acceptQueue", Limits.QUEUE);
        Optional<Pool.ConnectionPool> dbPool = f.get("dbPool").map(n -> {
            Fields p = Fields.of(n, "architecture.pool.dbPool", problems);
            int size = count(p, "size", Defaults.DB_POOL_SIZE, 1, Limits.CONNECTIONS);
            if (!p.has("size")) {
                defaulted.put("architecture.pool.dbPool.size", Defaults.DB_POOL_SIZE + " (HikariCP's maximumPoolSize)");
            }
            long wait = p.scalar("waitTimeout", Limits.TIMEOUT_SECONDS.nanos(Quantities::durationNanos))
                    .orElse(Quantities.durationNanos(Defaults.DB_POOL_WAIT));
            p.finish();
            return new Pool.ConnectionPool(size, wait);
        });
        List<String> zones = resilience.zones(f);
        Optional<Autoscaling> autoscaling = f.get("autoscaling")
                .map(n -> resilience.autoscaling(
                        n, "architecture.pool.autoscaling", Math.max(instances, 1), child(node, "instances")));
        f.finish();
        if (!f.has("cores") && machine.isEmpty()) {
            defaulted.put("architecture.pool.cores", Defaults.POOL_CORES + " (no type given)");
        }
        if (!f.has("workers")) {
            defaulted.put("architecture.pool.workers", Defaults.POOL_WORKERS + " (Tomcat's maxThreads)");
        }
        if (!f.has("acceptQueue")) {
            defaulted.put("architecture.pool.acceptQueue", Defaults.POOL_ACCEPT_QUEUE + " (Tomcat's acceptCount)");
        }
        return new Pool(
                name,
                Math.max(instances, 1),
                cores,
                workers.orElse(f.has("workers") ? Pool.UNLIMITED : Defaults.POOL_WORKERS),
                accept.orElse(f.has("acceptQueue") ? Pool.UNLIMITED : Defaults.POOL_ACCEPT_QUEUE),
                machine,
                dbPool,
                autoscaling,
                zones);
    }

    /**
     * A cache: {@code hitRatio: 0.8}, or {@code memory} (or the memory of {@code nodes} of
     * {@code type}) and {@code keys: {count, zipf, itemSize}}, from which Che's approximation gives
     * the hit ratio of an LRU cache.
     */
    private Cache cache(Node node) {
        Fields f = Fields.of(node, "architecture.cache", problems);
        Optional<Machine> machine = cloud.machine(f, Service.ELASTICACHE);
        int nodes = count(f, "nodes", 1, 1, Limits.CACHE_NODES);
        Optional<Double> given = f.scalar("hitRatio", Quantities::fraction);
        Optional<Double> memory = f.scalar("memory", Limits.MEMORY_GIB.number(CloudReader::gib))
                .or(() -> machine.map(m -> m.type().memoryGiB() * nodes));
        Optional<Cache.KeyPopulation> population = f.get("keys").flatMap(n -> keyPopulation(n, memory, f));
        if (f.has("hitRatio") == f.has("keys")) {
            problems.add(
                    node,
                    "architecture.cache",
                    null,
                    f.has("hitRatio")
                            ? "a cache has a hitRatio or keys, not both"
                            : "a cache needs a hitRatio, or keys to derive it from",
                    "give hitRatio: 0.9, or keys: {count: 1_000_000, zipf: 0.9, itemSize: 1KiB} with memory: 1GiB");
        }
        double hit = given.orElseGet(() -> population
                .map(p -> CheApproximation.zipf(p.keys(), p.zipf()).hitRatio(p.capacityKeys()))
                .orElse(0.0));
        Distribution latency = f.get("latency")
                .flatMap(n -> distributions.read(n, f.pathOf("latency")))
                .orElse(new Distribution.Fixed(Quantities.durationNanos(Defaults.CACHE_LATENCY)));
        int cores = count(f, "cores", Defaults.CACHE_CORES, 1, Limits.CORES);
        if (!f.has("cores")) {
            defaulted.put("architecture.cache.cores", Integer.toString(Defaults.CACHE_CORES));
        }
        if (!f.has("latency")) {
            defaulted.put(
                    "architecture.cache.latency", Defaults.CACHE_LATENCY + " (a memcached get on the same network)");
        }
        resilience.cannotScale(f, "the cache");
        f.finish();
        return new Cache(hit, latency, cores, nodes, machine, population);
    }

    private Optional<Cache.KeyPopulation> keyPopulation(Node n, Optional<Double> memory, Fields cache) {
        Fields k = Fields.of(n, "architecture.cache.keys", problems);
        long count = k.requiredScalar(
                        "count",
                        text -> Limits.CACHE_KEYS.check(Quantities.wholeNumber(text)),
                        "say how many distinct keys there are, such as count: 1_000_000")
                .orElse(0L);
        double zipf = k.scalar("zipf", Quantities::number).orElse(Defaults.CACHE_ZIPF);
        double itemBytes = k.scalar("itemSize", Limits.ITEM_BYTES.number(CloudReader::bytes))
                .orElse(Defaults.CACHE_ITEM_BYTES);
        k.finish();
        if (memory.isEmpty()) {
            problems.add(
                    cache.node(),
                    "architecture.cache.memory",
                    null,
                    "a cache derived from its keys needs its memory",
                    "give memory: 1GiB, or the nodes' type: cache.r5.large");
            return Optional.empty();
        }
        if (count < 1 || zipf < 0 || zipf > 4 || itemBytes <= 0) {
            problems.add(
                    n,
                    "architecture.cache.keys",
                    "count must be at least 1, zipf between 0 and 4, itemSize positive",
                    "give keys such as {count: 1_000_000, zipf: 0.9, itemSize: 1KiB}");
            return Optional.empty();
        }
        return Optional.of(new Cache.KeyPopulation(count, zipf, itemBytes, memory.get()));
    }

    private Database database(Node node) {
        Fields f = Fields.of(node, "architecture.db", problems);
        String engine = f.scalar("engine", s -> {
                    String e = s.trim().toLowerCase(Locale.ROOT);
                    if (!RdsConnections.ENGINES.contains(e)) {
                        throw new QuantityException(
                                "unknown database engine", Names.suggest(e, RdsConnections.ENGINES));
                    }
                    return e;
                })
                .orElse(Defaults.DB_ENGINE);
        Optional<Machine> machine = cloud.machine(f, Service.RDS);
        boolean multiAz = multiAz(f, machine);
        OptionalInt connections = limit(f, "connections", Limits.CONNECTIONS);
        int cores = count(f, "cores", machine.map(m -> m.type().vcpus()).orElse(-1), 1, Limits.CORES);
        if (!f.has("cores") && machine.isEmpty()) {
            problems.add(
                    node,
                    "architecture.db.cores",
                    null,
                    "is required",
                    "say how many cores the database has, such as cores: 4, or give its instance type");
        }
        storageWritten = f.has("disk") || f.has("volume");
        Optional<Disk> disk = f.get("disk").map(this::rawDisk);
        Optional<Disk> volume = f.get("volume").flatMap(n -> cloud.volume(n, "architecture.db.volume", machine));
        if (disk.isPresent() && f.has("volume")) {
            problems.add(
                    f.get("volume").get(),
                    "architecture.db.volume",
                    "a database has a disk or a volume, not both",
                    "keep volume (a catalog type) or disk (plain IOPS and latency)");
        }
        int replicas = count(f, "replicas", 0, 0, Limits.REPLICAS);
        int shards = count(f, "shards", 1, 1, Limits.SHARDS);
        int lockMode = count(f, "autoincLockMode", Defaults.AUTOINC_LOCK_MODE, 0, Limits.CHECKS);
        if (lockMode > 2) {
            problems.add(
                    f.get("autoincLockMode").get(),
                    "architecture.db.autoincLockMode",
                    "innodb_autoinc_lock_mode is 0 (traditional), 1 (consecutive) or 2 (interleaved)",
                    "write 0, 1 or 2");
        }
        Optional<Database.BufferPool> bufferPool = f.get("bufferPool").map(n -> bufferPool(n, machine));
        long failover = f.scalar("failover", Limits.TIMEOUT_SECONDS.nanos(Quantities::durationNanos))
                .orElse(Quantities.durationNanos(Defaults.DB_FAILOVER));
        positive(f, "failover", failover, "give the failover time, such as failover: 90s");
        resilience.cannotScale(f, "the database");
        f.finish();
        int defaultConnections = machine.map(
                        m -> RdsConnections.defaultFor(engine, m.type().memoryGiB()))
                .orElse(Defaults.DB_CONNECTIONS);
        if (!f.has("connections")) {
            defaulted.put(
                    "architecture.db.connections",
                    defaultConnections
                            + (machine.isPresent()
                                    ? " (RDS's max_connections formula for "
                                            + machine.get().type().name() + ")"
                                    : " (PostgreSQL's max_connections)"));
        }
        return new Database(
                engine,
                connections.orElse(f.has("connections") ? Pool.UNLIMITED : defaultConnections),
                Math.max(1, cores),
                disk.isPresent() ? disk : volume,
                machine,
                replicas,
                shards,
                Math.min(lockMode, 2),
                bufferPool,
                Math.max(1, failover),
                multiAz);
    }

    /** {@code multiAz: true}: an RDS deployment with a standby, so only an RDS class has it. */
    private boolean multiAz(Fields f, Optional<Machine> machine) {
        boolean multiAz = f.scalar("multiAz", SpecLoader::bool).orElse(false);
        if (multiAz && machine.map(m -> m.type().service() != Service.RDS).orElse(true)) {
            problems.add(
                    f.get("multiAz").get(),
                    "architecture.db.multiAz",
                    "true",
                    "Multi-AZ is an RDS deployment, and this database is not on an RDS class",
                    "name an RDS class such as type: db.m5.large, or add replicas: 1 for a standby you run");
        }
        if (f.has("volume")
                && machine.map(m -> m.type().service() == Service.RDS).orElse(false)) {
            f.get("volume")
                    .flatMap(v -> Optional.ofNullable(child(v, "type")))
                    .filter(t -> t instanceof org.yaml.snakeyaml.nodes.ScalarNode)
                    .map(t ->
                            ((org.yaml.snakeyaml.nodes.ScalarNode) t).getValue().trim())
                    .filter(t -> cloud.catalog().volume(t).isPresent()
                            && cloud.catalog().rdsStorage(t).isEmpty())
                    .ifPresent(t -> problems.add(
                            child(f.get("volume").get(), "type"),
                            "architecture.db.volume.type",
                            t,
                            "RDS does not offer " + t + " storage",
                            "use one of "
                                    + String.join(
                                            ", ", cloud.catalog().rdsStorage().keySet())));
        }
        return multiAz;
    }

    static boolean bool(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QuantityException("must be true or false", "write true or false");
        };
    }

    /**
     * {@code bufferPool: {size: 6GiB, data: 20GiB, rowSize: 1KiB, pageSize: 16KiB, zipf: 0.8}};
     * the size defaults to 3/4 of the machine's memory (RDS MySQL's innodb_buffer_pool_size,
     * {DBInstanceClassMemory*3/4}).
     */
    private Database.BufferPool bufferPool(Node node, Optional<Machine> machine) {
        Fields f = Fields.of(node, "architecture.db.bufferPool", problems);
        Optional<Double> size = f.scalar("size", Limits.MEMORY_GIB.number(CloudReader::gib))
                .or(() -> machine.map(m -> m.type().memoryGiB() * 0.75));
        if (size.isEmpty()) {
            problems.add(
                    node,
                    "architecture.db.bufferPool.size",
                    null,
                    "is required when the database names no instance type",
                    "give size: 6GiB, or the database's type");
        }
        double data = f.requiredScalar(
                        "data",
                        Limits.MEMORY_GIB.number(CloudReader::gib),
                        "give the data set's size at the start, such as data: 20GiB")
                .orElse(1.0);
        double rowBytes = f.scalar("rowSize", Limits.ITEM_BYTES.number(CloudReader::bytes))
                .orElse(Defaults.DB_ROW_BYTES);
        double pageBytes = f.scalar("pageSize", Limits.ITEM_BYTES.number(CloudReader::bytes))
                .orElse(Defaults.DB_PAGE_BYTES);
        double zipf = f.scalar("zipf", Limits.ZIPF.number(Quantities::number)).orElse(Defaults.DB_PAGE_ZIPF);
        f.finish();
        if (data <= 0 || rowBytes <= 0 || pageBytes <= 0 || zipf < 0 || size.orElse(1.0) <= 0) {
            problems.add(
                    node,
                    "architecture.db.bufferPool",
                    "sizes must be positive and zipf at least 0",
                    "give positive sizes");
        }
        return new Database.BufferPool(
                size.orElse(1.0),
                Math.max(data, 1e-6),
                Math.max(rowBytes, 1),
                Math.max(pageBytes, 1),
                Math.max(zipf, 0));
    }

    private Disk rawDisk(Node n) {
        Fields d = Fields.of(n, "architecture.db.disk", problems);
        double iops = d.requiredScalar(
                        "iops", Limits.IOPS.number(Quantities::number), "give the disk its IOPS, such as iops: 3000")
                .orElse(1.0);
        if (d.has("iops") && !(iops > 0)) {
            problems.add(
                    d.get("iops").get(),
                    d.pathOf("iops"),
                    "a disk must serve more than zero IOPS",
                    "set iops to a positive number, such as 3000");
        }
        long latency = d.requiredScalar(
                        "latency",
                        Limits.SERVICE_SECONDS.nanos(Quantities::durationNanos),
                        "give the per-I/O latency, such as latency: 1ms")
                .orElse(0L);
        d.finish();
        return Disk.raw(iops > 0 ? iops : 1.0, latency);
    }

    private void crossCheck(Workload w, Architecture a) {
        for (RequestClass c : w.classes()) {
            Site site = classSites.get(c);
            String path = "workload.classes[" + site.index() + "].db";
            String jobPath = "workload.classes[" + site.index() + "].job";
            if (c.job().isPresent() && a.queue().isEmpty()) {
                problems.add(
                        child(site.node(), "job"),
                        jobPath,
                        c.name(),
                        "the class leaves a job, but the architecture has no queue",
                        "add architecture.queue: {kind: broker, workers: 8}, or remove the job");
            }
            if (c.job().isPresent() && c.job().get().db().queries() > 0 && a.db().isEmpty()) {
                problems.add(
                        child(site.node(), "job", "db"),
                        jobPath + ".db",
                        c.name(),
                        "the job queries a database, but the architecture has none",
                        "add architecture.db, or set the job's db.queries: 0");
            }
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
                    && a.db().get().disk().isEmpty()
                    && !storageWritten) {
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

    /**
     * {@code items}, or none and a problem when there are more than {@code bound} allows: the
     * items are not read, since reading them is what would exhaust the memory.
     */
    private List<Node> tooMany(Fields f, String key, List<Node> items, Limits.Limit bound) {
        return bound.within(items.size(), f.get(key).orElse(f.node()), f.pathOf(key), items.size() + " items", problems)
                ? items
                : List.of();
    }

    private int count(Fields f, String key, int fallback, int min, Limits.Limit bound) {
        Optional<Long> v = f.scalar(key, Quantities::wholeNumber);
        if (v.isEmpty()) {
            return fallback;
        }
        if (v.get() < min) {
            problems.add(
                    f.get(key).get(),
                    f.pathOf(key),
                    "must be at least " + min,
                    "set " + key + " between " + min + " and " + bound.shown());
            return fallback < min ? min : fallback;
        }
        Node at = f.get(key).get();
        return bound.within(v.get(), at, f.pathOf(key), problems) ? v.get().intValue() : Math.max(fallback, min);
    }

    /** A positive count or the word {@code unlimited}; empty when absent (or unlimited, see callers). */
    private OptionalInt limit(Fields f, String key, Limits.Limit bound) {
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
        if (value < 1) {
            problems.add(n.get(), f.pathOf(key), "must be at least 1", "set a count of 1 or more, or write unlimited");
            return OptionalInt.of(1);
        }
        return bound.within(value, n.get(), f.pathOf(key), problems) ? OptionalInt.of((int) value) : OptionalInt.of(1);
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
