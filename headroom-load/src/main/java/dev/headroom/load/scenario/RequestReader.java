package dev.headroom.load.scenario;

import dev.headroom.load.template.FeederSpec;
import dev.headroom.load.template.Template;
import dev.headroom.model.spec.Fields;
import dev.headroom.model.spec.Names;
import dev.headroom.model.spec.Problems;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code requests:}, the weighted request mix, and resolves its templates against the feeders. */
final class RequestReader {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** Thrown for a placeholder naming a feeder whose own problem is already reported. */
    private static final class AlreadyReported extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final Problems problems;
    private final Set<String> declaredFeeders;
    private final Function<String, String> environment;

    RequestReader(Problems problems, Set<String> declaredFeeders, Function<String, String> environment) {
        this.problems = problems;
        this.declaredFeeders = declaredFeeders;
        this.environment = environment;
    }

    /**
     * What a placeholder may name besides feeders: the session's variables extracted so far
     * ({@code known}, name to slot), those extracted only by later steps ({@code later}, an error
     * to use), and whether {@code ${env.NAME}} is allowed (header values only).
     */
    record Scope(Map<String, Integer> known, Set<String> later, boolean env, Function<String, String> environment) {
        static Scope requests(Function<String, String> environment) {
            return new Scope(Map.of(), Set.of(), false, environment);
        }

        Scope withEnv(boolean allowed) {
            return new Scope(known, later, allowed, environment);
        }
    }

    /** Reads {@code requests:}; it may be left out when the scenario has {@code journeys:}. */
    List<RequestSpec> read(Fields root, Map<String, FeederSpec> feeders, boolean hasJourneys) {
        List<RequestSpec> out = new ArrayList<>();
        if (!root.has("requests")) {
            if (!hasJourneys) {
                problems.add(
                        root.node(),
                        "requests",
                        null,
                        "is required",
                        "add the request mix, such as requests: [{name: home, path: /}], or journeys:");
            }
            return out;
        }
        List<Node> items = root.list("requests");
        if (items.isEmpty()) {
            problems.add(
                    root.get("requests").get(), "requests", "needs at least one request", "add {name: home, path: /}");
        }
        Set<String> names = new HashSet<>();
        List<String> feederNames = new ArrayList<>(feeders.keySet());
        for (int i = 0; i < items.size(); i++) {
            String path = "requests[" + i + "]";
            Optional<RequestSpec> r =
                    request(items.get(i), path, feeders, feederNames, i, Scope.requests(environment), null);
            if (r.isPresent() && !names.add(r.get().name())) {
                problems.add(
                        items.get(i),
                        path + ".name",
                        r.get().name(),
                        "two requests have the same name",
                        "give each request its own name");
            }
            r.ifPresent(out::add);
        }
        return out;
    }

    /**
     * Reads one request: an item of {@code requests}, or (with {@code step} to read the step's own
     * keys before unknown keys are reported) a request step of a journey, which has no weight.
     */
    Optional<RequestSpec> request(
            Node node,
            String path,
            Map<String, FeederSpec> feeders,
            List<String> feederNames,
            int index,
            Scope scope,
            java.util.function.Consumer<Fields> step) {
        Fields f = Fields.of(node, path, problems);
        String fallbackName = step != null ? "step-" + (index + 1) : index == 0 ? "request" : "request-" + (index + 1);
        String name = f.scalar("name", String::trim).orElse(fallbackName);
        double weight = f.scalar("weight", Quantities::number).orElse(LoadDefaults.WEIGHT);
        if (step != null && f.has("weight")) {
            problems.add(
                    f.tuple("weight").getKeyNode(),
                    f.pathOf("weight"),
                    "weight",
                    "a journey's steps run in order and take no weight",
                    "remove it; give the journey a weight instead");
        } else if (f.has("weight") && !(weight > 0)) {
            problems.add(
                    f.get("weight").get(),
                    f.pathOf("weight"),
                    "a weight must be more than zero",
                    "give it a positive weight, or remove the request");
        }
        String method = f.scalar("method", s -> {
                    String m = s.trim().toUpperCase(Locale.ROOT);
                    if (!METHODS.contains(m)) {
                        throw new QuantityException("unknown method", Names.suggest(m, METHODS));
                    }
                    return m;
                })
                .orElse(LoadDefaults.METHOD);
        Optional<Template> target = f.require("path", "give the path, such as path: /products/${product.id}")
                .filter(n -> safeInRequestLine(n, f.pathOf("path")))
                .flatMap(n -> template(n, f.pathOf("path"), feeders, feederNames, scope));
        if (target.isPresent()
                && !target.get().text().startsWith("/")
                && !target.get().text().startsWith("?")) {
            problems.add(
                    f.get("path").get(),
                    f.pathOf("path"),
                    "a path starts with /",
                    "write it as /" + target.get().text() + " (it is added to the target's URL)");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        f.get("headers").ifPresent(h -> {
            Fields hf = Fields.of(h, f.pathOf("headers"), problems);
            for (String key : hf.keys()) {
                if (!HeadSafety.isHeaderName(key)) {
                    problems.add(
                            hf.tuple(key).getKeyNode(),
                            hf.pathOf(HeadSafety.escape(key)),
                            HeadSafety.escape(key),
                            "not a header name",
                            "use letters, digits and dashes, such as Accept");
                }
                hf.get(key)
                        .filter(v -> safeInHeader(v, hf.pathOf(key)))
                        .flatMap(v -> template(v, hf.pathOf(key), feeders, feederNames, scope.withEnv(true)))
                        .ifPresent(t -> headers.put(key, t));
            }
        });
        Optional<Template> body =
                f.get("body").flatMap(n -> template(n, f.pathOf("body"), feeders, feederNames, scope));
        Check check = f.get("check").map(n -> check(n, f.pathOf("check"))).orElse(Check.DEFAULT);
        if (step != null) {
            step.accept(f);
        }
        f.finish();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RequestSpec(name, weight, method, target.get(), headers, body, check));
    }

    /**
     * A CR or LF in a header value would end the header and start another one (or the body) of the
     * scenario's choosing: header injection. Refused as written; values filled in at send time are
     * checked by the request writer.
     */
    private boolean safeInHeader(Node node, String path) {
        return safe(
                node, path, HeadSafety.HEADER, "a header value cannot hold CR, LF or NUL (it would inject headers)");
    }

    /** A space, CR or LF in the path would rewrite the request line (method, target, version). */
    private boolean safeInRequestLine(Node node, String path) {
        return safe(
                node,
                path,
                HeadSafety.REQUEST_LINE,
                "a path cannot hold spaces or control characters (it would rewrite the request line)");
    }

    private boolean safe(Node node, String path, HeadSafety where, String rule) {
        if (!(node instanceof ScalarNode s) || where.firstUnsafe(s.getValue()) < 0) {
            return true;
        }
        problems.add(
                node,
                path,
                HeadSafety.escape(s.getValue()),
                rule,
                where == HeadSafety.HEADER
                        ? "remove the line break; one header per key"
                        : "percent-encode it (a space is %20) and remove line breaks");
        return false;
    }

    private Optional<Template> template(
            Node node, String path, Map<String, FeederSpec> feeders, List<String> feederNames, Scope scope) {
        try {
            return Fields.parseScalar(
                    node, path, s -> parseTemplate(s, feeders, feederNames, declaredFeeders, scope), problems);
        } catch (AlreadyReported e) {
            return Optional.empty();
        }
    }

    /** Splits {@code text} at {@code ${...}} placeholders and resolves each against the feeders. */
    static Template parseTemplate(
            String text, Map<String, FeederSpec> feeders, List<String> feederNames, Set<String> declared) {
        return parseTemplate(text, feeders, feederNames, declared, Scope.requests(n -> null));
    }

    /**
     * Splits {@code text} at {@code ${...}} placeholders and resolves each: an environment value,
     * a session variable of {@code scope}, or a feeder.
     */
    static Template parseTemplate(
            String text, Map<String, FeederSpec> feeders, List<String> feederNames, Set<String> declared, Scope scope) {
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new QuantityException(
                            "a placeholder is not closed", "close it with }, such as ${product.id}");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Template.Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(part(text.substring(i + 2, end).trim(), feeders, feederNames, declared, scope));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Template.Literal(literal.toString()));
        }
        return new Template(text, parts);
    }

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static Template.Part part(
            String ref, Map<String, FeederSpec> feeders, List<String> feederNames, Set<String> declared, Scope scope) {
        if (ref.startsWith("env.")) {
            return secret(ref.substring(4), scope);
        }
        Integer slot = scope.known().get(ref);
        if (slot != null) {
            return new Template.Extracted(ref, slot);
        }
        if (scope.later().contains(ref)) {
            throw new QuantityException(
                    "the variable '" + ref + "' is used before any step extracts it",
                    "extract it in an earlier step, or move this step after the one that extracts it");
        }
        return variable(ref, feeders, feederNames, declared);
    }

    /** An environment value, read now; the message never holds the value, only the name. */
    private static Template.Secret secret(String name, Scope scope) {
        if (!scope.env()) {
            throw new QuantityException(
                    "${env." + name + "} can go only in a header value (a path or body may be logged)",
                    "move it into a header, such as Authorization: Bearer ${env." + name + "}");
        }
        if (!ENV_NAME.matcher(name).matches()) {
            throw new QuantityException(
                    "not an environment variable name", "use letters, digits and underscores, such as ${env.TOKEN}");
        }
        String value = scope.environment().apply(name);
        if (value == null) {
            throw new QuantityException(
                    "the environment variable " + name + " is not set",
                    "export " + name + " before the run, or remove the placeholder");
        }
        if (HeadSafety.HEADER.firstUnsafe(value) >= 0) {
            throw new QuantityException(
                    "the environment variable " + name + " holds CR, LF or NUL (it would inject headers)",
                    "set it to a value on one line");
        }
        return new Template.Secret(name, value);
    }

    private static Template.Variable variable(
            String ref, Map<String, FeederSpec> feeders, List<String> feederNames, Set<String> declared) {
        int dot = ref.indexOf('.');
        String feeder = dot < 0 ? ref : ref.substring(0, dot);
        FeederSpec spec = feeders.get(feeder);
        if (spec == null && declared.contains(feeder)) {
            throw new AlreadyReported();
        }
        if (spec == null) {
            throw new QuantityException(
                    "no feeder is named '" + feeder + "'",
                    feederNames.isEmpty()
                            ? "define it under feeders:, such as feeders: {" + feeder + ": uuid}"
                            : Names.suggest(feeder, feederNames));
        }
        int index = feederNames.indexOf(feeder);
        if (spec.columns().isEmpty()) {
            if (dot >= 0) {
                throw new QuantityException(
                        "the feeder '" + feeder + "' gives a single value, not columns", "write ${" + feeder + "}");
            }
            return new Template.Variable(ref, index, 0);
        }
        if (dot < 0) {
            throw new QuantityException(
                    "the CSV feeder '" + feeder + "' needs a column",
                    "write ${" + feeder + "." + spec.columns().get(0) + "}; columns: "
                            + String.join(", ", spec.columns()));
        }
        String column = ref.substring(dot + 1);
        int col = spec.columns().indexOf(column);
        if (col < 0) {
            throw new QuantityException(
                    "the CSV feeder '" + feeder + "' has no column '" + column + "'",
                    Names.suggest(column, spec.columns()));
        }
        return new Template.Variable(ref, index, col);
    }

    private Check check(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Set<Integer> status = new TreeSet<>();
        List<Node> items = f.get("status")
                .map(n -> n instanceof org.yaml.snakeyaml.nodes.SequenceNode ? f.list("status") : List.of(n))
                .orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            Fields.parseScalar(
                            items.get(i),
                            f.pathOf("status"),
                            s -> {
                                long v = Quantities.wholeNumber(s);
                                if (v < 100 || v > 599) {
                                    throw new QuantityException(
                                            "an HTTP status lies between 100 and 599", "write a status such as 200");
                                }
                                return (int) v;
                            },
                            problems)
                    .ifPresent(status::add);
        }
        Optional<String> contains = f.scalar("bodyContains", s -> s);
        Optional<Pattern> matches = f.scalar("bodyMatches", s -> {
            try {
                return Pattern.compile(s);
            } catch (PatternSyntaxException e) {
                throw new QuantityException(
                        "not a regular expression (" + e.getDescription() + ")", "write a Java regular expression");
            }
        });
        f.finish();
        return new Check(status, contains, matches);
    }
}
