package dev.headroom.model.failure;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the components a failure can name, in the order the simulator lists them: the
 * balancers ({@code lb}, or {@code lb-1}..{@code lb-N} behind DNS), the pool as a group and each
 * of its first instances ({@code web}, {@code web-1}..), the cache, and every database node
 * ({@code db}, {@code db-replica-1}, or {@code db-shard-2}, {@code db-shard-2-replica-1}).
 */
public final class FailureTargets {
    private FailureTargets() {}

    /** Every name a failure may use. */
    public static List<String> all(Architecture a) {
        List<String> names = new ArrayList<>(balancers(a));
        if (a.lb().isPresent() && a.lb().get().count() > 1) {
            names.add("lb");
        }
        names.add(a.pool().name());
        for (int i = 1; i <= a.pool().instances(); i++) {
            names.add(a.pool().name() + "-" + i);
        }
        a.cache().ifPresent(c -> names.add("cache"));
        names.addAll(databaseNodes(a));
        return names;
    }

    /** Each balancer: {@code lb}, or {@code lb-1}..{@code lb-N}. */
    public static List<String> balancers(Architecture a) {
        List<String> names = new ArrayList<>();
        a.lb().ifPresent(lb -> {
            if (lb.count() == 1) {
                names.add("lb");
            } else {
                for (int i = 1; i <= lb.count(); i++) {
                    names.add("lb-" + i);
                }
            }
        });
        return names;
    }

    /** Every database node, primaries first within each shard. */
    public static List<String> databaseNodes(Architecture a) {
        List<String> names = new ArrayList<>();
        a.db().ifPresent(db -> {
            for (int s = 0; s < db.shards(); s++) {
                String base = shardBase(db, s);
                names.add(base);
                for (int r = 1; r <= db.replicas(); r++) {
                    names.add(base + "-replica-" + r);
                }
            }
        });
        return names;
    }

    /** The name of shard {@code s}'s primary (0-based): {@code db}, or {@code db-shard-N}. */
    public static String shardBase(Database db, int s) {
        return db.shards() == 1 ? "db" : "db-shard-" + (s + 1);
    }
}
