package dev.headroom.sim;

import dev.headroom.model.architecture.Database;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.units.Quantities;

/**
 * Database nodes lost and restored: a lost replica's reads go to the other replicas; a lost
 * primary fails over, to its Multi-AZ standby or by promoting a replica, after the failover time,
 * or the shard is down when it has neither.
 */
final class DatabaseFailures {
    private final Engine engine;
    private final RunEvents events;
    private final Database db;
    private final DbNode[] nodes;
    private final int nodesPerShard;
    private final FailureTarget.Losses losses;
    private final int failoverKind;

    DatabaseFailures(
            Engine engine,
            RunEvents events,
            Database db,
            DbNode[] nodes,
            int nodesPerShard,
            FailureTarget.Losses losses,
            Group group) {
        this.engine = engine;
        this.events = events;
        this.db = db;
        this.nodes = nodes;
        this.nodesPerShard = nodesPerShard;
        this.losses = losses;
        this.failoverKind = group.register(this::failover);
    }

    /** Node {@code k} is lost (or comes back): its primary fails over if it can. */
    void node(int k, boolean restore) {
        DbNode node = nodes[k];
        int base = k / nodesPerShard * nodesPerShard;
        if (restore) {
            node.down = false;
            for (int r = base + 1; r < base + nodesPerShard; r++) {
                if (nodes[r].promotedAway && k == base) {
                    nodes[r].promotedAway = false;
                    nodes[r].down = false;
                }
            }
            events.event(node.name, EventKind.DB_RESTORED, node.name + " is back");
            return;
        }
        if (node.down) {
            return;
        }
        node.down = true;
        losses.lose(r -> r.connectionNode == k, ErrorKind.DB_UNAVAILABLE);
        if (k != base) {
            events.event(node.name, EventKind.DB_REPLICA_LOST, node.name + " is lost: reads go to the other replicas");
            return;
        }
        boolean replica = false;
        for (int r = base + 1; r < base + nodesPerShard; r++) {
            replica |= !nodes[r].down;
        }
        long failover = db.failoverNanos();
        if (db.multiAz()) {
            events.event(
                    node.name,
                    EventKind.DB_PRIMARY_LOST,
                    node.name + " is lost: its Multi-AZ standby takes over after "
                            + Quantities.formatDuration(failover));
            engine.schedule(engine.now + failover, failoverKind, k);
        } else if (replica) {
            events.event(
                    node.name,
                    EventKind.DB_PRIMARY_LOST,
                    node.name + " is lost: a replica is promoted after " + Quantities.formatDuration(failover));
            engine.schedule(engine.now + failover, failoverKind, k);
        } else {
            events.event(
                    node.name,
                    EventKind.DB_OUTAGE,
                    node.name + " is lost and has no replica to promote: the database is down");
        }
    }

    private void failover(int k) {
        DbNode node = nodes[k];
        if (!node.down) {
            return;
        }
        // RDS fails over to the standby (and makes a new one), so the replicas keep serving reads.
        if (db.multiAz()) {
            node.down = false;
            events.event(
                    node.name,
                    EventKind.DB_FAILOVER,
                    "the Multi-AZ standby took over: " + node.name + " takes writes again");
            return;
        }
        for (int r = k + nodesPerShard - 1; r > k; r--) {
            if (!nodes[r].down) {
                nodes[r].down = true;
                nodes[r].promotedAway = true;
                node.down = false;
                events.event(
                        node.name,
                        EventKind.DB_FAILOVER,
                        nodes[r].name + " promoted: " + node.name + " takes writes again");
                return;
            }
        }
    }
}
