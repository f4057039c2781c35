package dev.headroom.plan;

import dev.headroom.model.spec.Limits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configurations a plan may choose from: every combination of its dimensions' values. A
 * configuration is numbered from 0 to {@link #size()} - 1, the last dimension varying fastest; its
 * value indices are {@link #choice}.
 */
public final class Space {
    private final List<Dimension> dimensions;
    private final int size;

    public Space(List<Dimension> dimensions) {
        if (dimensions.isEmpty()) {
            throw new PlanInputException(
                    "plan",
                    "nothing to vary",
                    "give --vary PATH=VALUES (such as --vary architecture.pool.instances=2..20) or a plan.vary section");
        }
        Set<String> paths = new HashSet<>();
        double n = 1;
        for (Dimension d : dimensions) {
            if (!paths.add(d.path())) {
                throw new PlanInputException(d.path(), "this path is varied twice", "give each path one set of values");
            }
            n *= d.values().size();
        }
        if (n > Limits.PLAN_CONFIGURATIONS.max()) {
            throw new PlanInputException(
                    "plan",
                    String.format(
                            Locale.ROOT,
                            "the space holds %,.0f configurations, more than %s",
                            n,
                            Limits.PLAN_CONFIGURATIONS.shown()),
                    "use fewer values per dimension (a step in a range: 2..40/2) or fewer dimensions");
        }
        this.dimensions = List.copyOf(dimensions);
        this.size = (int) n;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    public int size() {
        return size;
    }

    /** The value index of each dimension in configuration {@code index}. */
    public int[] choice(int index) {
        int[] c = new int[dimensions.size()];
        int rest = index;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            int n = dimensions.get(d).values().size();
            c[d] = rest % n;
            rest /= n;
        }
        return c;
    }

    /** The number of the configuration with these value indices. */
    public int index(int[] choice) {
        int i = 0;
        for (int d = 0; d < dimensions.size(); d++) {
            i = i * dimensions.get(d).values().size() + choice[d];
        }
        return i;
    }

    /** The {@code --set} overrides of configuration {@code index}, one per dimension. */
    public List<String> overrides(int index) {
        int[] c = choice(index);
        List<String> out = new ArrayList<>(c.length);
        for (int d = 0; d < c.length; d++) {
            out.add(dimensions.get(d).override(c[d]));
        }
        return out;
    }
}
