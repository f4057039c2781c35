package dev.headroom.load.scenario;

import dev.headroom.load.template.FeederSpec;
import dev.headroom.model.spec.Fields;
import dev.headroom.model.spec.Problems;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code journeys:}: each journey's steps in order, the values its steps extract, and the
 * placeholders of later steps resolved against them (a variable used before a step extracts it
 * is an error at load, not an empty value at run time).
 */
final class JourneyReader {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> EXTRACTORS = List.of("json", "header", "regex", "status");

    private final Problems problems;
    private final RequestReader requests;
    private final Function<String, String> environment;

    JourneyReader(Problems problems, RequestReader requests, Function<String, String> environment) {
        this.problems = problems;
        this.requests = requests;
        this.environment = environment;
    }

    List<Journey> read(Fields root, Map<String, FeederSpec> feeders) {
        List<Journey> out = new ArrayList<>();
        if (!root.has("journeys")) {
            return out;
        }
        List<Node> items = root.list("journeys");
        if (items.isEmpty()) {
            problems.add(
                    root.get("journeys").get(),
                    "journeys",
                    "needs at least one journey",
                    "add {name: browse, steps: [{path: /}]}, or remove journeys:");
        }
        if (items.size() > LoadDefaults.MAX_JOURNEYS) {
            problems.add(
                    root.get("journeys").get(),
                    "journeys",
                    items.size() + " journeys",
                    "at most " + LoadDefaults.MAX_JOURNEYS + " journeys",
                    "merge journeys that differ only in their data (use a feeder)");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "journeys[" + i + "]";
            Optional<Journey> j = journey(items.get(i), path, feeders);
            if (j.isPresent() && !names.add(j.get().name())) {
                problems.add(
                        items.get(i),
                        path + ".name",
                        j.get().name(),
                        "two journeys have the same name",
                        "give each journey its own name");
            }
            j.ifPresent(out::add);
        }
        return out;
    }

    private Optional<Journey> journey(Node node, String path, Map<String, FeederSpec> feeders) {
        Fields f = Fields.of(node, path, problems);
        Optional<String> name = f.requiredScalar("name", String::trim, "name the journey, such as name: checkout");
        double weight = f.scalar("weight", Quantities::number).orElse(LoadDefaults.WEIGHT);
        if (f.has("weight") && !(weight > 0)) {
            problems.add(
                    f.get("weight").get(),
                    f.pathOf("weight"),
                    "a weight must be more than zero",
                    "give it a positive weight, or remove the journey");
        }
        Journey.OnFailure onFailure = f.scalar(
                        "onFailure",
                        s -> Journey.OnFailure.valueOf(ScenarioLoader.oneOf(s, List.of("stop", "continue"))
                                .toUpperCase(java.util.Locale.ROOT)))
                .orElse(Journey.OnFailure.STOP);
        Optional<Node> stepsNode = f.require("steps", "list the journey's steps, such as steps: [{path: /login}]");
        List<Node> items = stepsNode.isPresent() ? f.list("steps") : List.of();
        f.finish();
        if (stepsNode.isPresent() && items.isEmpty()) {
            problems.add(stepsNode.get(), f.pathOf("steps"), "needs at least one step", "add {path: /}");
        }
        if (items.size() > LoadDefaults.MAX_STEPS) {
            problems.add(
                    stepsNode.get(),
                    f.pathOf("steps"),
                    items.size() + " steps",
                    "at most " + LoadDefaults.MAX_STEPS + " steps in a journey",
                    "split the journey in two");
            return Optional.empty();
        }
        Set<String> later = extractedAnywhere(items);
        Map<String, Integer> known = new LinkedHashMap<>();
        List<Journey.Step> steps = new ArrayList<>();
        Set<String> stepNames = new HashSet<>();
        List<String> feederNames = new ArrayList<>(feeders.keySet());
        boolean ok = true;
        int requestIndex = 0;
        for (int i = 0; i < items.size(); i++) {
            String p = f.pathOf("steps") + "[" + i + "]";
            Node item = items.get(i);
            if (isThink(item)) {
                Optional<Journey.Step.Think> t = think(item, p);
                ok &= t.isPresent();
                t.ifPresent(steps::add);
                continue;
            }
            RequestReader.Scope scope = new RequestReader.Scope(Map.copyOf(known), later, false, environment);
            Map<String, Journey.Extract> extract = new LinkedHashMap<>();
            Set<String> declared = new java.util.LinkedHashSet<>();
            Optional<RequestSpec> r = requests.request(
                    item,
                    p,
                    feeders,
                    feederNames,
                    requestIndex++,
                    scope,
                    sf -> extract(sf, extract, declared, known, feeders));
            if (r.isPresent() && !stepNames.add(r.get().name())) {
                problems.add(
                        item,
                        p + ".name",
                        r.get().name(),
                        "two steps of the journey have the same name",
                        "give each step its own name");
            }
            ok &= r.isPresent();
            r.ifPresent(spec -> steps.add(new Journey.Step.Request(spec, extract)));
            // A variable whose extractor is wrong is still declared: later uses of it are not errors too.
            for (String v : declared) {
                known.putIfAbsent(v, known.size());
            }
        }
        if (known.size() > LoadDefaults.MAX_VARIABLES) {
            problems.add(
                    stepsNode.get(),
                    f.pathOf("steps"),
                    known.size() + " variables",
                    "at most " + LoadDefaults.MAX_VARIABLES + " extracted variables in a journey",
                    "extract only the values later steps use");
            ok = false;
        }
        if (ok && !items.isEmpty() && steps.stream().noneMatch(s -> s instanceof Journey.Step.Request)) {
            problems.add(
                    stepsNode.get(), f.pathOf("steps"), "has only pauses", "add a request step, such as {path: /}");
            ok = false;
        }
        if (name.isEmpty() || !ok) {
            return Optional.empty();
        }
        return Optional.of(new Journey(name.get(), weight, steps, onFailure, List.copyOf(known.keySet())));
    }

    private static boolean isThink(Node item) {
        return item instanceof MappingNode m
                && m.getValue().stream()
                        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                                && k.getValue().equals("think"));
    }

    /** Every variable some step extracts, so that using one too early can be told from a typo. */
    private static Set<String> extractedAnywhere(List<Node> items) {
        Set<String> out = new HashSet<>();
        for (Node item : items) {
            if (!(item instanceof MappingNode m)) {
                continue;
            }
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals("extract")
                        && t.getValueNode() instanceof MappingNode e) {
                    for (NodeTuple v : e.getValue()) {
                        if (v.getKeyNode() instanceof ScalarNode vk) {
                            out.add(vk.getValue().trim());
                        }
                    }
                }
            }
        }
        return out;
    }

    private Optional<Journey.Step.Think> think(Node item, String path) {
        Fields f = Fields.of(item, path, problems);
        Node t = f.get("think").get();
        String p = f.pathOf("think");
        Optional<Journey.Step.Think> out;
        if (t instanceof ScalarNode) {
            out = Fields.parseScalar(t, p, JourneyReader::thinkNanos, problems)
                    .map(n -> new Journey.Step.Think(n, false));
        } else {
            Fields tf = Fields.of(t, p, problems);
            boolean exponential = tf.has("exponential");
            Optional<Long> mean = tf.scalar(exponential ? "exponential" : "constant", JourneyReader::thinkNanos);
            tf.has("constant");
            if (tf.keys().size() != 1) {
                problems.add(
                        t, p, "give one of constant or exponential", "write think: 2s or think: {exponential: 2s}");
                mean = Optional.empty();
            }
            tf.finish();
            out = mean.map(n -> new Journey.Step.Think(n, exponential));
        }
        f.finish();
        return out;
    }

    private static long thinkNanos(String text) {
        long n = Quantities.durationNanos(text);
        if (n < 0 || n > LoadDefaults.MAX_THINK_NANOS) {
            throw new QuantityException("a pause lies between 0 and 1h", "write a pause such as think: 2s");
        }
        return n;
    }

    private void extract(
            Fields step,
            Map<String, Journey.Extract> out,
            Set<String> declared,
            Map<String, Integer> known,
            Map<String, FeederSpec> feeders) {
        Optional<Node> node = step.get("extract");
        if (node.isEmpty()) {
            return;
        }
        Fields ef = Fields.of(node.get(), step.pathOf("extract"), problems);
        for (String var : ef.keys()) {
            String p = ef.pathOf(var);
            Node keyNode = ef.tuple(var).getKeyNode();
            if (!VARIABLE.matcher(var).matches() || var.equals("env")) {
                problems.add(
                        keyNode,
                        p,
                        var,
                        "not a variable name (letters, digits and _, not env)",
                        "name it such as token or basketId");
                continue;
            }
            if (feeders.containsKey(var)) {
                problems.add(
                        keyNode,
                        p,
                        var,
                        "a feeder has the same name, so ${" + var + "} would be ambiguous",
                        "give the variable another name");
                continue;
            }
            if (known.containsKey(var)) {
                problems.add(
                        keyNode,
                        p,
                        var,
                        "an earlier step already extracts it",
                        "give the variable another name; each is extracted once");
                continue;
            }
            declared.add(var);
            extractor(ef.get(var).get(), p).ifPresent(x -> out.put(var, x));
        }
        ef.finish();
    }

    private Optional<Journey.Extract> extractor(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Set<String> given = f.keys();
        if (given.size() != 1 || !EXTRACTORS.containsAll(given)) {
            problems.add(
                    node,
                    path,
                    "give exactly one of json, header, regex or status",
                    "write {json: /token}, {header: Location}, {regex: 'id=(\\\\d+)'} or {status: true}");
            return Optional.empty();
        }
        String kind = given.iterator().next();
        Optional<Journey.Extract> out =
                switch (kind) {
                    case "json" -> f.scalar("json", JourneyReader::pointer).map(Journey.Extract.Json::new);
                    case "header" -> f.scalar("header", s -> {
                                if (!HeadSafety.isHeaderName(s.trim())) {
                                    throw new QuantityException(
                                            "not a header name", "use letters, digits and dashes, such as Location");
                                }
                                return s.trim();
                            })
                            .map(Journey.Extract.Header::new);
                    case "regex" -> f.scalar("regex", JourneyReader::regex).map(Journey.Extract.Regex::new);
                    default -> f.scalar("status", ScenarioLoader::bool)
                            .filter(b -> {
                                if (!b) {
                                    problems.add(
                                            f.get("status").get(),
                                            f.pathOf("status"),
                                            "status: false extracts nothing",
                                            "write status: true, or remove the variable");
                                }
                                return b;
                            })
                            .map(b -> new Journey.Extract.Status());
                };
        f.finish();
        return out;
    }

    /** An RFC 6901 JSON pointer: empty (the whole document) or {@code /} separated tokens; {@code ~} only as ~0 or ~1. */
    static String pointer(String text) {
        String p = text.trim();
        if (!p.isEmpty() && !p.startsWith("/")) {
            throw new QuantityException(
                    "a JSON pointer starts with / (RFC 6901)", "write it as /" + p + ", such as /basket/id");
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '~' && (i + 1 >= p.length() || (p.charAt(i + 1) != '0' && p.charAt(i + 1) != '1'))) {
                throw new QuantityException(
                        "in a JSON pointer ~ is written ~0 and / is written ~1 (RFC 6901)",
                        "escape the ~ at character " + (i + 1) + " as ~0");
            }
        }
        return p;
    }

    static Pattern regex(String text) {
        Pattern p;
        try {
            p = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new QuantityException(
                    "not a regular expression (" + e.getDescription() + ")", "write a Java regular expression");
        }
        int groups = p.matcher("").groupCount();
        if (groups != 1) {
            throw new QuantityException(
                    "the expression has " + groups + " capturing groups; it needs exactly one (the value)",
                    "put the value in one (...) and make other groups non-capturing, (?:...)");
        }
        return p;
    }
}
