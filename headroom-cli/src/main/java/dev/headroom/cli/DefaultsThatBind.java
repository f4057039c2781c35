package dev.headroom.cli;

import dev.headroom.analysis.Evidence;
import dev.headroom.analysis.Finding;
import dev.headroom.analysis.Findings;
import dev.headroom.model.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bound set by a default the spec never chose: when the bottleneck, or the component that sets
 * the throughput bound, is sized by a setting left to its default, a finding names the setting, its
 * value and where it comes from, and how to give the real one. A default is a guess about someone
 * else's system; it must not decide the answer without a word.
 */
final class DefaultsThatBind {
    private DefaultsThatBind() {}

    static Optional<Finding> of(Spec spec, Findings findings) {
        Set<String> components = new LinkedHashSet<>();
        if (findings.bottleneck() != null) {
            components.add(findings.bottleneck().component());
        }
        if (findings.laws() != null && findings.laws().boundBy() != null) {
            components.add(findings.laws().boundBy());
        }
        String pool = spec.architecture().pool().name();
        List<String> settings = new ArrayList<>();
        String component = null;
        for (String c : components) {
            for (String path : settingsOf(c, pool)) {
                if (spec.defaulted().containsKey(path) && !settings.contains(path)) {
                    settings.add(path);
                    component = component == null ? c : component;
                }
            }
        }
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder what = new StringBuilder(component)
                .append(" sets the bound, and the spec left its size to ")
                .append(settings.size() == 1 ? "a default: " : "defaults: ");
        for (int i = 0; i < settings.size(); i++) {
            String path = settings.get(i);
            what.append(i == 0 ? "" : ", ")
                    .append(path)
                    .append(" = ")
                    .append(spec.defaulted().get(path));
        }
        what.append("; give the real figure in the spec (or try --set ")
                .append(settings.get(0))
                .append("=...); headroom defaults lists every default");
        List<Evidence> evidence = settings.stream()
                .map(p -> new Evidence(p, "default", -1, number(spec.defaulted().get(p)), ""))
                .toList();
        return Optional.of(new Finding("default-binds", component, -1, what.toString(), evidence));
    }

    /** The settings that size a component of the run, by its name. */
    static List<String> settingsOf(String component, String pool) {
        Map<String, List<String>> by = Map.of(
                pool,
                List.of("architecture.pool.workers", "architecture.pool.acceptQueue"),
                pool + ".cpu",
                List.of("architecture.pool.cores"),
                pool + ".dbPool",
                List.of("architecture.pool.dbPool.size"),
                "cache",
                List.of("architecture.cache.cores", "architecture.cache.latency"),
                "lb",
                List.of("architecture.lb.queueLimit"));
        if (by.containsKey(component)) {
            return by.get(component);
        }
        // The primary and each replica: db.connections, db-replica-1.connections, ...
        if (component.endsWith(".connections")) {
            return List.of("architecture.db.connections");
        }
        return List.of();
    }

    private static double number(String value) {
        String n = value.split(" ")[0].replaceAll("[^0-9.]", "");
        try {
            return n.isEmpty() ? Double.NaN : Double.parseDouble(n);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
