package dev.headroom.sim;

import dev.headroom.model.random.RandomStream;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.model.workload.Job;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.sim.random.Sampler;
import java.util.List;

/**
 * The request classes by index: their weights in the mix, their demands and the samplers of their
 * service times, and the job each leaves for the queue's workers (null: none).
 */
final class RequestClasses {
    final RequestClass[] classes;
    private final double[] cumulativeWeights;
    private final DbDemand[] demands;
    private final DbDemand[] jobDemands;
    final Sampler[] cpu;
    final Sampler[] dbCpu;
    final Sampler[] jobCpu;
    final Sampler[] jobDbCpu;

    /** {@code queueInTable}: the queue is a database table, so its rows are writes of the request and the job. */
    RequestClasses(List<RequestClass> list, boolean queueInTable) {
        classes = list.toArray(new RequestClass[0]);
        int n = classes.length;
        cumulativeWeights = new double[n];
        demands = new DbDemand[n];
        jobDemands = new DbDemand[n];
        cpu = new Sampler[n];
        dbCpu = new Sampler[n];
        jobCpu = new Sampler[n];
        jobDbCpu = new Sampler[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += classes[i].weight();
            cumulativeWeights[i] = sum;
            cpu[i] = Sampler.of(classes[i].cpu());
            dbCpu[i] = Sampler.of(classes[i].db().cpu());
            demands[i] = classes[i].db();
            Job job = classes[i].job().orElse(null);
            if (job != null) {
                jobDemands[i] = job.db();
                jobCpu[i] = Sampler.of(job.cpu());
                jobDbCpu[i] = Sampler.of(job.db().cpu());
                if (queueInTable) {
                    // The request inserts the queue row; the worker claims it and deletes it.
                    demands[i] = demands[i].plusWrites(1, 1);
                    jobDemands[i] = jobDemands[i].plusWrites(2, 0);
                }
            }
        }
    }

    int count() {
        return classes.length;
    }

    /** A class drawn by weight. */
    int pick(RandomStream mix) {
        if (classes.length == 1) {
            return 0;
        }
        double x = mix.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length - 1; i++) {
            if (x < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }

    /** What {@code r} asks of the database: its class's demand, or its job's. */
    DbDemand demand(Request r) {
        return r.job ? jobDemands[r.requestClass] : demands[r.requestClass];
    }

    boolean hasJob(int requestClass) {
        return jobDemands[requestClass] != null;
    }
}
