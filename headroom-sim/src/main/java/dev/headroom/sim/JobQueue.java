package dev.headroom.sim;

import dev.headroom.model.architecture.MessageQueue;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.random.RandomStream;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.random.Sampler;
import dev.headroom.sim.stats.Gauge;
import java.util.List;
import java.util.function.Consumer;

/**
 * The message queue and its workers: a request whose class leaves a job publishes it (or, with
 * the queue in a database table, its last insert was the queue row) and then responds; a worker
 * takes each job in turn, runs its CPU and then its database work.
 */
final class JobQueue {
    private final Engine engine;
    private final RequestClasses classes;
    private final Station workers;
    private final Sampler publishLatency;
    private final boolean inTable;
    private final RandomStream random;
    private final Consumer<Request> respond;
    private final int publishedKind;
    private final int jobCpuDoneKind;
    private Database database;

    JobQueue(
            Engine engine,
            MessageQueue mq,
            RequestClasses classes,
            RandomStream serviceRandom,
            List<Gauge> gauges,
            Consumer<Request> respond) {
        this.engine = engine;
        this.classes = classes;
        this.random = serviceRandom;
        this.respond = respond;
        this.inTable = mq.kind() == MessageQueue.Kind.TABLE;
        Gauge g = new Gauge("queue", "workers", mq.workers());
        gauges.add(g);
        this.workers = new Station(mq.workers(), Pool.UNLIMITED, g);
        this.publishLatency = Sampler.of(mq.publishLatency());
        this.publishedKind = engine.register(slot -> published(engine.requests.get(slot)));
        this.jobCpuDoneKind = engine.register(slot -> database.start(engine.requests.get(slot)));
    }

    /** The database the jobs' work goes to (built after the queue, whose gauge comes first). */
    void attach(Database database) {
        this.database = database;
    }

    /** The request's database work is done: hand its job to the queue (if it has one), then respond. */
    void afterDatabase(Request r) {
        if (!classes.hasJob(r.requestClass)) {
            respond.accept(r);
        } else if (inTable) {
            // The queue row was the request's last insert.
            enqueue(r.requestClass);
            respond.accept(r);
        } else {
            engine.schedule(engine.now + publishLatency.sampleNanos(random), publishedKind, r.slot);
        }
    }

    private void published(Request r) {
        enqueue(r.requestClass);
        respond.accept(r);
    }

    private void enqueue(int requestClass) {
        Request job = engine.requests.allocate();
        job.job = true;
        job.requestClass = requestClass;
        job.enteredNanos[Components.QUEUE] = engine.now;
        if (workers.trySeize(engine.now)) {
            startJob(job);
        } else {
            workers.enqueue(engine.now, job.slot);
        }
    }

    private void startJob(Request job) {
        engine.schedule(engine.now + classes.jobCpu[job.requestClass].sampleNanos(random), jobCpuDoneKind, job.slot);
    }

    /** A job's database work is done: its worker takes the next job. */
    void jobDone(Request job) {
        long now = engine.now;
        workers.gauge().departure(now - job.enteredNanos[Components.QUEUE]);
        workers.release(now);
        engine.requests.release(job);
        if (workers.hasWaiting()) {
            Request next = engine.requests.get(workers.takeWaiting(now));
            workers.trySeize(now);
            startJob(next);
        }
    }
}
