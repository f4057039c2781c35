package dev.headroom.sim;

import dev.headroom.model.random.RandomStream;
import dev.headroom.sim.component.Station;

/** A database node's cores: a query's CPU time, slower while the node's credits throttle it. */
final class DbCpuStage extends ServiceStage {
    private final DbNode[] nodes;
    private final RequestClasses classes;
    private final RandomStream random;
    private final Database database;

    DbCpuStage(Engine engine, DbNode[] nodes, RequestClasses classes, RandomStream random, Database database) {
        super(engine, Components.DB_CPU);
        this.nodes = nodes;
        this.classes = classes;
        this.random = random;
        this.database = database;
    }

    @Override
    public void on(int slot) {
        complete(slot);
    }

    @Override
    Station station(Request r) {
        return nodes[r.node].cpu;
    }

    @Override
    long serviceNanos(Request r, Station station) {
        DbNode node = nodes[r.node];
        long demand = (r.job ? classes.jobDbCpu : classes.dbCpu)[r.requestClass].sampleNanos(random);
        return node.speed == 1.0 ? demand : (long) (demand / node.speed);
    }

    @Override
    void served(Request r) {
        database.cpuDone(r);
    }
}
