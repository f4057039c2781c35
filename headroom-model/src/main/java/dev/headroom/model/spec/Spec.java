package dev.headroom.model.spec;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.workload.Workload;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A whole simulation spec: traffic, architecture, goals and the failures to inject, plus the seed
 * if the spec fixes one, and the {@code plan:} section that only {@code headroom plan} reads.
 * {@code defaulted} names the capacity settings the spec left to their defaults (path to the value
 * and where it comes from), so a finding can say when one of them sets the bound.
 */
public record Spec(
        String name,
        String description,
        OptionalLong seed,
        Workload workload,
        Architecture architecture,
        Goals goals,
        Failures failures,
        PlanSettings plan,
        Map<String, String> defaulted) {
    public Spec {
        defaulted = Collections.unmodifiableMap(new TreeMap<>(defaulted));
    }

    public Spec(
            String name,
            String description,
            OptionalLong seed,
            Workload workload,
            Architecture architecture,
            Goals goals,
            Failures failures,
            PlanSettings plan) {
        this(name, description, seed, workload, architecture, goals, failures, plan, Map.of());
    }

    public Spec(
            String name,
            String description,
            OptionalLong seed,
            Workload workload,
            Architecture architecture,
            Goals goals,
            Failures failures) {
        this(name, description, seed, workload, architecture, goals, failures, PlanSettings.NONE);
    }

    public Spec(
            String name,
            String description,
            OptionalLong seed,
            Workload workload,
            Architecture architecture,
            Goals goals) {
        this(name, description, seed, workload, architecture, goals, Failures.NONE);
    }

    /** The same spec with other failures. */
    public Spec withFailures(Failures f) {
        return new Spec(name, description, seed, workload, architecture, goals, f, plan, defaulted);
    }

    /** The same spec with another workload (a scaled profile, say). */
    public Spec withWorkload(Workload w) {
        return new Spec(name, description, seed, w, architecture, goals, failures, plan, defaulted);
    }

    /** The seed used when neither the spec nor the command line gives one; printed with every run. */
    public static final long DEFAULT_SEED = 20_260_101L;
}
