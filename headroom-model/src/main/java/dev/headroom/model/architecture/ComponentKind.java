package dev.headroom.model.architecture;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of component an architecture is made of, by the key that declares each in a spec,
 * in the order a request meets them. Each kind is one record of the model; the simulator
 * registers one stage for each.
 */
public enum ComponentKind {
    LB("lb"),
    POOL("pool"),
    CACHE("cache"),
    DB("db"),
    QUEUE("queue");

    private final String key;

    ComponentKind(String key) {
        this.key = key;
    }

    /** The spec's key for this kind, e.g. {@code lb}. */
    public String key() {
        return key;
    }

    /** The component of this kind that {@code a} declares, if any (the pool always). */
    public Optional<?> in(Architecture a) {
        return switch (this) {
            case LB -> a.lb();
            case POOL -> Optional.of(a.pool());
            case CACHE -> a.cache();
            case DB -> a.db();
            case QUEUE -> a.queue();
        };
    }

    /** The kind declared by {@code key}; an unknown key lists the valid ones. */
    public static ComponentKind of(String key) {
        for (ComponentKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown component kind '" + key + "': the kinds are " + validKeys());
    }

    /** Every kind's key, comma-separated, in order. */
    public static String validKeys() {
        return Arrays.stream(values()).map(ComponentKind::key).collect(Collectors.joining(", "));
    }
}
