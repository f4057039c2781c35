package dev.headroom.analysis;

import java.util.Set;

/**
 * Where a component sits on the request path: lb, then the pool's workers and CPU, the cache, the
 * database pool or queue, the database's connections, locks, CPU and disk. Pressure flows
 * upstream (a slow disk fills the connections, which block the workers, which fill the balancer),
 * so of two signals in the same interval the deeper one is the cause. A measured run adds the load
 * generator's own connections ({@code client.connections}, before everything) and the target's
 * scraped metrics (whose place on the path is unknown: after everything).
 */
final class RequestPath {
    private final Set<String> names;

    RequestPath(Set<String> names) {
        this.names = names;
    }

    int depth(String c) {
        if (c.startsWith("client.")) {
            return -1;
        }
        if (c.startsWith(SignalFinder.SCRAPED)) {
            return 10;
        }
        if (c.equals("lb")) {
            return 0;
        }
        if (c.equals("cache")) {
            return 3;
        }
        if (c.equals("queue") || c.endsWith(".dbPool")) {
            return 4;
        }
        if (c.endsWith(".connections")) {
            return 5;
        }
        if (c.startsWith("lock.") || c.contains(".lock.")) {
            return 6;
        }
        if (c.endsWith(".disk")) {
            return 8;
        }
        if (c.endsWith(".cpu")) {
            String node = c.substring(0, c.length() - ".cpu".length());
            return names.contains(node + ".connections") ? 7 : 2;
        }
        if (!c.contains(".")) {
            return 1;
        }
        return 9;
    }

    /** What "fully used" means for a component, in words. */
    String saturated(String c) {
        int d = depth(c);
        return switch (d) {
            case -1 -> "the load generator's connections all open";
            case 1 -> "workers all busy";
            case 2, 7 -> "CPU busy 100%";
            case 3 -> "cache busy 100%";
            case 4 -> c.equals("queue") ? "queue workers all busy" : "pool exhausted";
            case 5 -> "connections exhausted";
            case 6 -> "lock held continuously";
            case 8 -> "disk busy 100%";
            default -> "at its limit";
        };
    }
}
