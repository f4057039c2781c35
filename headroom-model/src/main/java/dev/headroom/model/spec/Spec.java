package dev.headroom.model.spec;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.workload.Workload;
import java.util.OptionalLong;

/** A whole simulation spec: traffic, architecture and goals, plus the seed if the spec fixes one. */
public record Spec(
        String name, String description, OptionalLong seed, Workload workload, Architecture architecture, Goals goals) {
    /** The seed used when neither the spec nor the command line gives one; printed with every run. */
    public static final long DEFAULT_SEED = 20_260_101L;
}
