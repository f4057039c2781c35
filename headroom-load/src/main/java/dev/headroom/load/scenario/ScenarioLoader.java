package dev.headroom.load.scenario;

import dev.headroom.load.cleanup.CleanupReader;
import dev.headroom.load.cleanup.CleanupSpec;
import dev.headroom.load.guard.Metric;
import dev.headroom.load.guard.Rule;
import dev.headroom.load.guard.RuleParser;
import dev.headroom.load.template.FeederSpec;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.spec.Fields;
import dev.headroom.model.spec.Names;
import dev.headroom.model.spec.Overrides;
import dev.headroom.model.spec.Problem;
import dev.headroom.model.spec.Problems;
import dev.headroom.model.spec.ProfileReader;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.YamlDocument;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import dev.headroom.model.workload.Arrivals;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a load scenario from YAML, applies {@code --set} overrides, {@code --target} and
 * {@code --allow-host}, and validates all of it, including the safety rule that load goes only to
 * loopback or to listed hosts. Either returns an immutable {@link Scenario} or throws a
 * {@link SpecException} listing every problem with its location.
 */
public final class ScenarioLoader {

    private final Problems problems;
    private final Path baseDir;
    private final List<Problem> argumentProblems = new ArrayList<>();
    private final Function<String, String> environment;

    private ScenarioLoader(Problems problems, Path baseDir, Function<String, String> environment) {
        this.problems = problems;
        this.baseDir = baseDir;
        this.environment = environment;
    }

    /** What the command line adds: targets replacing the scenario's, and hosts allowed besides its own. */
    public record CommandLine(List<String> overrides, List<String> targets, List<String> allowHosts) {
        public static final CommandLine NONE = new CommandLine(List.of(), List.of(), List.of());

        public CommandLine {
            overrides = List.copyOf(overrides);
            targets = List.copyOf(targets);
            allowHosts = List.copyOf(allowHosts);
        }
    }

    public static Scenario load(Path file, CommandLine cli) throws SpecException {
        return parse(file.toString(), YamlDocument.readFile(file), cli, YamlDocument.baseDirOf(file));
    }

    /** Whether {@code text} is a load scenario rather than an architecture spec: it names a target at the top. */
    public static boolean isScenario(String source, String text) {
        YamlDocument doc = YamlDocument.parse(source, text);
        return doc.root() instanceof MappingNode m
                && m.getValue().stream()
                        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                                && List.of("target", "targets").contains(k.getValue()));
    }

    /**
     * The workload of a scenario alone, with {@code --set} overrides applied, for {@code headroom
     * profile}: nothing else in the file is read, so the traffic of a scenario shows even where its
     * feeder files or its target are not.
     */
    public static LoadModel workload(Path file, List<String> overrides) throws SpecException {
        YamlDocument doc = YamlDocument.parse(file.toString(), YamlDocument.readFile(file));
        if (doc.root() != null) {
            Overrides.apply(doc, overrides);
        }
        if (!doc.problems().isEmpty() || doc.root() == null) {
            throw new SpecException(doc.problems().list());
        }
        ScenarioLoader loader = new ScenarioLoader(doc.problems(), YamlDocument.baseDirOf(file), System::getenv);
        Optional<LoadModel> model = Fields.of(doc.root(), "", loader.problems)
                .require("workload", "add a workload: section with a profile")
                .flatMap(loader::workload);
        if (!loader.problems.isEmpty() || model.isEmpty()) {
            List<Problem> all = loader.problems.list();
            throw new SpecException(
                    all.isEmpty()
                            ? List.of(new Problem(
                                    file.toString(),
                                    0,
                                    0,
                                    "workload",
                                    null,
                                    "is missing",
                                    "add a workload: section with a profile",
                                    null))
                            : all);
        }
        return model.get();
    }

    public static Scenario parse(String source, String text, CommandLine cli, Path baseDir) throws SpecException {
        return parse(source, text, cli, baseDir, System::getenv);
    }

    /** As {@link #parse(String, String, CommandLine, Path)}, reading {@code ${env.NAME}} from {@code environment}. */
    public static Scenario parse(
            String source, String text, CommandLine cli, Path baseDir, Function<String, String> environment)
            throws SpecException {
        YamlDocument doc = YamlDocument.parse(source, text);
        if (doc.root() != null) {
            Overrides.apply(doc, cli.overrides());
        }
        if (!doc.problems().isEmpty() || doc.root() == null) {
            throw new SpecException(doc.problems().list());
        }
        ScenarioLoader loader = new ScenarioLoader(doc.problems(), baseDir, environment);
        Scenario scenario;
        try {
            scenario = loader.read(doc.root(), cli);
        } catch (RuntimeException e) {
            loader.problems.add(
                    doc.root(),
                    "",
                    null,
                    "could not read the scenario (" + e + ")",
                    "report this as a Headroom bug with the scenario attached");
            scenario = null;
        }
        List<Problem> all = new ArrayList<>(loader.problems.list());
        all.addAll(loader.argumentProblems);
        if (!all.isEmpty() || scenario == null) {
            throw new SpecException(all);
        }
        return scenario;
    }

    private Scenario read(Node rootNode, CommandLine cli) {
        Fields root = Fields.of(rootNode, "", problems);
        String name = root.scalar("name", s -> s).orElse("load");
        String description = root.scalar("description", s -> s).orElse("");
        OptionalLong seed = root.scalar("seed", Quantities::wholeNumber)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        List<String> allowed = new ArrayList<>(stringList(root, "allowedHosts"));
        allowed.addAll(cli.allowHosts());
        List<URI> targets = cli.targets().isEmpty() ? targets(root, allowed) : cliTargets(cli.targets(), allowed);
        root.has("target");
        root.has("targets");
        String tagHeader = tagHeader(root);
        Optional<LoadModel> model = root.require(
                        "workload",
                        "add a workload: section with a profile, such as profile: {constant: {rate: 100/s,"
                                + " duration: 1m}}")
                .flatMap(this::workload);
        FeederReader feederReader = new FeederReader(problems, baseDir);
        Map<String, FeederSpec> feeders = feederReader.read(root);
        RequestReader requestReader = new RequestReader(problems, feederReader.declared(), environment);
        List<Journey> journeys = new JourneyReader(problems, requestReader, environment).read(root, feeders);
        List<RequestSpec> requests = requestReader.read(root, feeders, root.has("journeys"));
        ClientOptions client = root.get("client").map(this::client).orElseGet(() -> client(null));
        if (client.maxInFlight() > 0 && model.isPresent() && model.get() instanceof LoadModel.Closed) {
            Node cap = root.get("client")
                    .flatMap(c -> Fields.of(c, "client", problems).get("maxInFlight"))
                    .get();
            problems.add(
                    cap,
                    "client.maxInFlight",
                    "applies to the open model; in the closed model the users are the limit",
                    "remove maxInFlight, or set workload.users to the concurrency you want");
        }
        checkProtocol(root, client, targets, model);
        List<Rule> guards = rules(root, "guards", RuleParser::guard);
        List<Rule> thresholds = withDefaults(root, rules(root, "thresholds", RuleParser::threshold));
        Optional<String> target = targets.isEmpty() ? Optional.empty() : Optional.of(targetText(targets.get(0)));
        List<URI> metrics = metrics(root, allowed, target);
        Optional<CleanupSpec> cleanup =
                root.get("cleanup").flatMap(n -> new CleanupReader(problems, allowed, target).read(n));
        boolean badCleanup = root.has("cleanup") && cleanup.isEmpty();
        root.finish();
        if (model.isEmpty() || targets.isEmpty() || (requests.isEmpty() && journeys.isEmpty()) || badCleanup) {
            return null;
        }
        return new Scenario(
                name,
                description,
                seed,
                targets,
                allowed,
                tagHeader,
                model.get(),
                requests,
                journeys,
                feeders,
                client,
                guards,
                thresholds,
                metrics,
                cleanup);
    }

    /**
     * h2 needs TLS (ALPN agrees on it in the handshake) and h2c needs cleartext (prior knowledge):
     * each target's scheme must fit. HTTP/2 runs the open model only: a virtual user owns its
     * connection, which is HTTP/1.1's way.
     */
    private void checkProtocol(Fields root, ClientOptions client, List<URI> targets, Optional<LoadModel> model) {
        Protocol p = client.protocol();
        if (!p.multiplexed()) {
            return;
        }
        Node at = root.get("client")
                .flatMap(c -> Fields.of(c, "client", problems).get("protocol"))
                .get();
        for (URI target : targets) {
            if (!p.fits(target.getScheme())) {
                Protocol other = p == Protocol.H2 ? Protocol.H2C : Protocol.H2;
                problems.add(
                        at,
                        "client.protocol",
                        p.key() + " needs " + p.scheme() + ":// targets"
                                + (p == Protocol.H2 ? " (TLS with ALPN)" : " (cleartext, prior knowledge)") + ", but "
                                + target + " is " + target.getScheme() + "://",
                        "write protocol: " + other.key() + " for " + other.scheme() + ":// targets, or give an "
                                + p.scheme() + ":// target");
                return;
            }
        }
        if (model.isPresent() && model.get() instanceof LoadModel.Closed) {
            problems.add(
                    at,
                    "client.protocol",
                    "the closed model (workload.users) runs on http/1.1 only",
                    "remove client.protocol, or give workload an open-model profile");
        }
    }

    private List<URI> targets(Fields root, List<String> allowed) {
        List<Node> nodes = new ArrayList<>();
        String path;
        if (root.has("target") && root.has("targets")) {
            problems.add(
                    root.tuple("targets").getKeyNode(),
                    "targets",
                    "targets",
                    "give either target or targets, not both",
                    "move the target into the targets list");
        }
        if (root.has("targets")) {
            nodes.addAll(root.list("targets"));
            path = "targets";
            if (nodes.isEmpty()) {
                problems.add(root.get("targets").get(), path, "needs at least one URL", "list the base URLs");
            }
        } else {
            Optional<Node> n = root.require(
                    "target", "give the base URL of the system under test, such as target: http://127.0.0.1:8080");
            n.ifPresent(nodes::add);
            path = "target";
        }
        List<URI> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            String p = path.equals("targets") ? path + "[" + i + "]" : path;
            Optional<URI> uri = Fields.parseScalar(node, p, ScenarioLoader::baseUrl, problems);
            if (uri.isPresent() && !HostPolicy.isAllowed(uri.get(), allowed)) {
                problems.add(
                        node,
                        p,
                        "refused: the host '" + uri.get().getHost() + "' is not loopback and not in allowedHosts",
                        HostPolicy.howToAllow(uri.get().getHost()));
            } else {
                uri.ifPresent(out::add);
            }
        }
        return out;
    }

    private List<URI> cliTargets(List<String> values, List<String> allowed) {
        List<URI> out = new ArrayList<>();
        for (String v : values) {
            String source = "--target " + v;
            try {
                URI uri = baseUrl(v);
                if (!HostPolicy.isAllowed(uri, allowed)) {
                    argumentProblems.add(new Problem(
                            source,
                            1,
                            10,
                            "target",
                            v,
                            "refused: the host '" + uri.getHost() + "' is not loopback and not in allowedHosts",
                            HostPolicy.howToAllow(uri.getHost()),
                            null));
                } else {
                    out.add(uri);
                }
            } catch (QuantityException e) {
                argumentProblems.add(new Problem(source, 1, 10, "target", v, e.rule(), e.fix(), null));
            }
        }
        return out;
    }

    /** An absolute http or https URL with a host and no query: the base every request path is added to. */
    static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new QuantityException("not a URL (" + e.getReason() + ")", "write it as http://127.0.0.1:8080");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new QuantityException(
                    "the URL must start with http:// or https://", "write it as http://127.0.0.1:8080");
        }
        if (uri.getHost() == null) {
            throw new QuantityException("the URL has no host", "write it as http://127.0.0.1:8080");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new QuantityException(
                    "a base URL takes no query, fragment or user", "put query strings in the requests' paths");
        }
        return uri;
    }

    private String tagHeader(Fields root) {
        return root.get("tag")
                .map(n -> {
                    Fields f = Fields.of(n, "tag", problems);
                    String h = f.scalar("header", s -> {
                                if (!HeadSafety.isHeaderName(s.trim())) {
                                    throw new QuantityException(
                                            "not a header name", "use letters, digits and dashes, such as X-Load-Test");
                                }
                                return s.trim();
                            })
                            .orElse(LoadDefaults.TAG_HEADER);
                    f.finish();
                    return h;
                })
                .orElse(LoadDefaults.TAG_HEADER);
    }

    private Optional<LoadModel> workload(Node node) {
        Fields f = Fields.of(node, "workload", problems);
        String model =
                f.scalar("model", s -> oneOf(s, List.of("open", "closed"))).orElse("open");
        Optional<LoadModel> out;
        if (model.equals("closed")) {
            out = closed(f);
            for (String k : List.of("profile", "arrivals")) {
                if (f.has(k)) {
                    problems.add(
                            f.tuple(k).getKeyNode(),
                            f.pathOf(k),
                            k,
                            "a closed model has no " + k + ": its users send as fast as responses and think time allow",
                            "remove it, or use model: open");
                }
            }
        } else {
            Arrivals arrivals = f.scalar(
                            "arrivals",
                            s -> Arrivals.valueOf(
                                    oneOf(s, List.of("poisson", "uniform")).toUpperCase(Locale.ROOT)))
                    .orElse(Arrivals.POISSON);
            Optional<Profile> profile = f.require(
                            "profile", "add a profile, such as profile: {constant: {rate: 100/s, duration: 1m}}")
                    .flatMap(n -> new ProfileReader(problems, baseDir).read(n, f.pathOf("profile")));
            for (String k : List.of("users", "thinkTime", "duration")) {
                if (f.has(k)) {
                    problems.add(
                            f.tuple(k).getKeyNode(),
                            f.pathOf(k),
                            k,
                            "an open model takes its rate and length from the profile",
                            "remove it, or set model: closed");
                }
            }
            out = profile.map(p -> new LoadModel.Open(p, arrivals));
        }
        f.finish();
        return out;
    }

    private Optional<LoadModel> closed(Fields f) {
        Optional<Long> users =
                f.requiredScalar("users", Quantities::wholeNumber, "say how many virtual users run, such as users: 50");
        if (users.isPresent() && (users.get() < 1 || users.get() > 1_000_000)) {
            problems.add(f.get("users").get(), f.pathOf("users"), "must be between 1 and 1,000,000", "set users: 50");
            users = Optional.empty();
        }
        Optional<Long> duration = f.requiredScalar(
                "duration", Quantities::durationNanos, "say how long the users run, such as duration: 5m");
        if (duration.isPresent() && duration.get() <= 0) {
            problems.add(
                    f.get("duration").get(), f.pathOf("duration"), "must be longer than zero", "write duration: 5m");
            duration = Optional.empty();
        }
        long think = 0;
        boolean exponential = false;
        Optional<Node> t = f.get("thinkTime");
        if (t.isPresent() && t.get() instanceof ScalarNode) {
            think = Fields.parseScalar(t.get(), f.pathOf("thinkTime"), Quantities::durationNanos, problems)
                    .orElse(0L);
        } else if (t.isPresent()) {
            Fields tf = Fields.of(t.get(), f.pathOf("thinkTime"), problems);
            exponential = tf.has("exponential");
            Optional<Long> mean = tf.scalar(exponential ? "exponential" : "constant", Quantities::durationNanos);
            tf.has("constant");
            if (tf.keys().size() != 1) {
                problems.add(
                        t.get(),
                        f.pathOf("thinkTime"),
                        "give one of constant or exponential",
                        "write thinkTime: 1s or thinkTime: {exponential: 1s}");
            }
            tf.finish();
            think = mean.orElse(0L);
        }
        if (users.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoadModel.Closed(users.get().intValue(), think, exponential, duration.get() / 1e9));
    }

    private ClientOptions client(Node node) {
        Fields f = Fields.of(node, "client", problems);
        int connections = count(f, "connections", LoadDefaults.CONNECTIONS, 1, 1_000_000);
        int loops = count(f, "eventLoops", LoadDefaults.eventLoops(), 1, 256);
        long connect = duration(f, "connectTimeout", LoadDefaults.CONNECT_TIMEOUT);
        long request = duration(f, "requestTimeout", LoadDefaults.REQUEST_TIMEOUT);
        long grace = duration(f, "grace", LoadDefaults.GRACE);
        long lag = duration(f, "lagLimit", LoadDefaults.LAG_LIMIT);
        boolean insecure = f.scalar("insecureTls", ScenarioLoader::bool).orElse(false);
        Protocol protocol = f.scalar("protocol", v -> Protocol.of(oneOf(v, Protocol.names())))
                .orElse(LoadDefaults.PROTOCOL);
        int maxStreams = count(f, "maxStreams", LoadDefaults.MAX_STREAMS, 1, LoadDefaults.MAX_STREAMS_LIMIT);
        if (f.has("maxStreams") && !protocol.multiplexed()) {
            problems.add(
                    f.get("maxStreams").get(),
                    f.pathOf("maxStreams"),
                    "applies only to HTTP/2 (HTTP/1.1 sends one request at a time on a connection)",
                    "set client.protocol to h2 (https targets) or h2c (http targets), or remove maxStreams");
        }
        int maxInFlight = count(f, "maxInFlight", 0, 1, 1_000_000);
        long carried = protocol.multiplexed() ? (long) connections * maxStreams : connections;
        if (maxInFlight > carried) {
            problems.add(
                    f.get("maxInFlight").get(),
                    f.pathOf("maxInFlight"),
                    protocol.multiplexed()
                            ? "must be at most client.connections times client.maxStreams (" + carried + ")"
                            : "must be at most client.connections (" + connections
                                    + "): HTTP/1.1 sends one request at a time on a connection",
                    protocol.multiplexed()
                            ? "lower maxInFlight or raise client.connections or client.maxStreams"
                            : "lower maxInFlight or raise client.connections");
            maxInFlight = 0;
        }
        boolean failOverLimit = f.scalar("overLimit", v -> oneOf(v, LoadDefaults.OVER_LIMIT))
                .map("fail"::equals)
                .orElse(false);
        if (f.has("overLimit") && !f.has("maxInFlight")) {
            problems.add(
                    f.get("overLimit").get(),
                    f.pathOf("overLimit"),
                    "applies only with client.maxInFlight",
                    "set client.maxInFlight, or remove overLimit");
        }
        int bodyLimit = f.scalar("bodyLimit", ScenarioLoader::byteSize).orElse(byteSize(LoadDefaults.BODY_LIMIT));
        long warmup = f.scalar("warmup", ScenarioLoader::warmup).orElse(Quantities.durationNanos(LoadDefaults.WARMUP));
        f.finish();
        return new ClientOptions(
                connections,
                loops,
                connect,
                request,
                grace,
                lag,
                insecure,
                maxInFlight,
                failOverLimit,
                bodyLimit,
                protocol,
                maxStreams,
                warmup);
    }

    private List<Rule> rules(Fields root, String key, Function<String, Rule> parser) {
        List<Rule> out = new ArrayList<>();
        List<Node> items = root.list(key);
        for (int i = 0; i < items.size(); i++) {
            Fields.parseScalar(items.get(i), key + "[" + i + "]", parser, problems)
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The scenario's thresholds, and the default error threshold unless it has one or opts out. */
    private List<Rule> withDefaults(Fields root, List<Rule> thresholds) {
        boolean defaults =
                root.scalar("defaultThresholds", ScenarioLoader::bool).orElse(true);
        if (!defaults || thresholds.stream().anyMatch(r -> r.metric() == Metric.ERRORS)) {
            return thresholds;
        }
        List<Rule> out = new ArrayList<>(thresholds);
        out.add(LoadDefaults.errorThreshold());
        return out;
    }

    /** {@code ${target}} in metrics and cleanup URLs: the first target, without a trailing slash. */
    public static final String TARGET_PARAMETER = "${target}";

    static String targetText(URI target) {
        String t = target.toString();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    private List<URI> metrics(Fields root, List<String> allowed, Optional<String> target) {
        List<URI> out = new ArrayList<>();
        List<Node> items = root.list("metrics");
        for (int i = 0; i < items.size(); i++) {
            String p = "metrics[" + i + "]";
            Node n = items.get(i);
            if (target.isEmpty() && n instanceof ScalarNode s && s.getValue().contains(TARGET_PARAMETER)) {
                continue; // the target's own problem is reported; this URL follows from it
            }
            Optional<URI> uri = Fields.parseScalar(
                    n, p, text -> metricsUrl(text.replace(TARGET_PARAMETER, target.orElse(""))), problems);
            if (uri.isPresent() && !HostPolicy.isAllowed(uri.get(), allowed)) {
                problems.add(
                        n,
                        p,
                        "refused: the host '" + uri.get().getHost() + "' is not loopback and not in allowedHosts",
                        HostPolicy.howToAllow(uri.get().getHost()));
            } else {
                uri.ifPresent(out::add);
            }
        }
        return out;
    }

    private static URI metricsUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getHost() == null
                    || uri.getScheme() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new URISyntaxException(text, "no http(s) scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new QuantityException(
                    "not an http(s) URL", "write the Prometheus endpoint as http://127.0.0.1:9100/metrics");
        }
    }

    private List<String> stringList(Fields f, String key) {
        List<String> out = new ArrayList<>();
        List<Node> items = f.list(key);
        for (int i = 0; i < items.size(); i++) {
            Fields.parseScalar(items.get(i), f.pathOf(key) + "[" + i + "]", String::trim, problems)
                    .ifPresent(out::add);
        }
        return out;
    }

    private int count(Fields f, String key, int fallback, int min, int max) {
        Optional<Long> v = f.scalar(key, Quantities::wholeNumber);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            problems.add(
                    f.get(key).get(),
                    f.pathOf(key),
                    "must be between " + min + " and " + max,
                    "set " + key + " between " + min + " and " + max);
            return fallback;
        }
        return v.map(Long::intValue).orElse(fallback);
    }

    private long duration(Fields f, String key, String fallback) {
        long d = f.scalar(key, Quantities::durationNanos).orElse(Quantities.durationNanos(fallback));
        if (f.has(key) && d <= 0) {
            problems.add(f.get(key).get(), f.pathOf(key), "must be longer than zero", "write a duration such as 5s");
            return Quantities.durationNanos(fallback);
        }
        return d;
    }

    private static final java.util.regex.Pattern BYTE_SIZE =
            java.util.regex.Pattern.compile("([0-9][0-9_]*)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");

    /** A size in bytes, {@code 4MiB}, {@code 512KB} or {@code 1048576}: between 1 KiB and 1 GiB. */
    static int byteSize(String text) {
        java.util.regex.Matcher m = BYTE_SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new QuantityException("not a size in bytes", "write a size such as 4MiB, 512KB or 1048576");
        }
        long unit =
                switch (m.group(2) == null ? "B" : m.group(2)) {
                    case "KB" -> 1_000L;
                    case "KiB" -> 1L << 10;
                    case "MB" -> 1_000_000L;
                    case "MiB" -> 1L << 20;
                    case "GB" -> 1_000_000_000L;
                    case "GiB" -> 1L << 30;
                    default -> 1L;
                };
        String digits = m.group(1).replace("_", "");
        long bytes = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits) * unit;
        if (bytes < 1L << 10 || bytes > 1L << 30) {
            throw new QuantityException("must be between 1KiB and 1GiB", "write a size such as 4MiB");
        }
        return (int) bytes;
    }

    /** {@code client.warmup}: false (off), true (the default's limit) or the most it may take, up to a minute. */
    static long warmup(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false") || v.equals("on") || v.equals("off")) {
            return bool(v) ? Quantities.durationNanos(LoadDefaults.WARMUP) : 0;
        }
        if (!Character.isDigit(v.isEmpty() ? 'x' : v.charAt(0))) {
            throw new QuantityException("not true, false or a duration", "write warmup: false, or warmup: 5s");
        }
        long nanos = Quantities.durationNanos(v);
        if (nanos <= 0 || nanos > 60_000_000_000L) {
            throw new QuantityException(
                    "must be between 1ms and 60s (the most the warm-up may take)",
                    "write warmup: 10s, or warmup: false to turn it off");
        }
        return nanos;
    }

    static String oneOf(String text, List<String> valid) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (!valid.contains(v)) {
            throw new QuantityException("unknown value", Names.suggest(v, valid));
        }
        return v;
    }

    static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new QuantityException("not true or false", "write true or false");
        };
    }
}
