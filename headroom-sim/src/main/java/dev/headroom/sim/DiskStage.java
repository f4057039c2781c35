package dev.headroom.sim;

import dev.headroom.model.run.EventKind;
import dev.headroom.sim.component.Station;

/**
 * A database node's disk: it issues one I/O every 1/IOPS seconds, at the rate the volume's and
 * the instance's credit buckets allow, and each I/O then takes the volume's latency.
 */
final class DiskStage extends ServiceStage {
    private final RunEvents events;
    private final DbNode[] nodes;
    private final Database database;
    private final int ioDoneKind;

    DiskStage(Engine engine, RunEvents events, DbNode[] nodes, Database database) {
        super(engine, Components.DISK);
        this.events = events;
        this.nodes = nodes;
        this.database = database;
        this.ioDoneKind = engine.register(slot -> ioDone(engine.requests.get(slot)));
    }

    @Override
    public void on(int slot) {
        complete(slot);
    }

    @Override
    Station station(Request r) {
        return nodes[r.node].disk;
    }

    /** Issues one I/O: the time until the disk can issue the next. Spends a credit from each bucket. */
    @Override
    long serviceNanos(Request r, Station station) {
        DbNode node = nodes[r.node];
        node.intervalIos++;
        if (node.volumeCredits == null && node.ebsCredits == null) {
            return node.ioServiceNanos;
        }
        long now = engine.now;
        double iops = node.iopsCap(now);
        if (node.volumeCredits != null && node.volumeCredits.spend(now)) {
            events.event(
                    node.name + ".disk",
                    EventKind.VOLUME_CREDITS_EXHAUSTED,
                    "the volume's I/O credits ran out; IOPS fall to its baseline of " + Math.round(node.diskBaseIops));
        }
        if (node.ebsCredits != null && node.ebsCredits.spend(now)) {
            events.event(
                    node.name + ".disk",
                    EventKind.INSTANCE_EBS_CREDITS_EXHAUSTED,
                    "the instance's EBS burst ran out; IOPS fall to its baseline");
        }
        return Math.max(1, Math.round(1e9 / iops));
    }

    @Override
    void served(Request r) {
        DbNode node = nodes[r.node];
        node.ioInFlight.add(engine.now, 1);
        if (node.ioLatencyNanos > 0) {
            engine.schedule(engine.now + node.ioLatencyNanos, ioDoneKind, r.slot);
        } else {
            ioDone(r);
        }
    }

    private void ioDone(Request r) {
        nodes[r.node].ioInFlight.add(engine.now, -1);
        r.iosLeft--;
        database.nextIo(r);
    }
}
