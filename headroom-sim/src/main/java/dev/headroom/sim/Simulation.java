package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Client;
import dev.headroom.model.arrival.ArrivalProcess;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.spec.Spec;
import dev.headroom.sim.stats.Gauge;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a spec request by request. The spec is built once into a topology of stages: a request
 * arrives from the profile, is routed by a balancer (picked by round-robin DNS) to an instance
 * ({@link Front}), takes a worker and runs its CPU demand ({@link Instances}), holds its class's
 * named locks ({@link LockStage}), makes its database queries ({@link Database}), leaves its job
 * to the queue ({@link JobQueue}), and responds, freeing its worker and balancer slot. The engine
 * hands each event to the stage that scheduled it.
 *
 * <p>A client that times out counts at its deadline, and tries again if it has retries left. Its
 * request is dropped where a server would notice (still queued at the balancer or in the accept
 * queue); once a worker has it, the server finishes the work, as real servers do.
 */
public final class Simulation {
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Spec spec;
    private final Engine engine = new Engine();
    private final Requests requests = engine.requests;
    private final SimOptions options;
    private final RunEvents runEvents;
    private final RunStats stats;
    private final ArrivalProcess arrivals;
    private final RandomStream mixRandom;
    private final RandomStream retryRandom;
    private final RequestClasses classes;
    private final List<Gauge> gauges;

    private final Front front;
    private final Instances instances;
    private final Database database;
    /** Null without a message queue. */
    private final JobQueue queue;

    private final Client client;
    private final long windowNanos;
    private final long hardEndNanos;
    private boolean arrivalsDone;
    /** Null for a fixed pool (no autoscaling, no failures). */
    private final Elasticity elasticity;

    private final IntervalSampler sampler;
    private final int arrivalKind = engine.register(arg -> onArrival());
    private final int tickKind = engine.register(arg -> onTick());
    private final int retryKind = engine.register(slot -> onRetry(requests.get(slot)));

    private Simulation(Spec spec, SimOptions options, boolean elastic) {
        this.spec = spec;
        this.options = options;
        this.runEvents = new RunEvents(engine, options.events());
        Profile profile = spec.workload().profile();
        Architecture a = spec.architecture();
        double window =
                Math.min(options.durationSeconds().orElse(profile.durationSeconds()), profile.durationSeconds());
        this.windowNanos = (long) Math.ceil(window * 1e9);
        this.client = a.client();
        long end = windowNanos + client.timeoutNanos() * (1L + client.retries()) + retryAllowance(client);
        this.hardEndNanos = (end + INTERVAL_NANOS - 1) / INTERVAL_NANOS * INTERVAL_NANOS;
        long seed = options.seed();

        this.arrivals =
                new ArrivalProcess(profile, spec.workload().arrivals(), RandomStream.of(seed, "arrivals"), window);
        this.mixRandom = RandomStream.of(seed, "mix");
        this.retryRandom = RandomStream.of(seed, "retries");

        Topology t = new Topology(engine, runEvents, spec, seed, elastic, new Topology.Exits() {
            @Override
            public void respond(Request r) {
                Simulation.this.respond(r);
            }

            @Override
            public void afterDatabase(Request r) {
                Simulation.this.afterDatabase(r);
            }

            @Override
            public void failInService(Request r, ErrorKind kind) {
                Simulation.this.failInService(r, kind);
            }

            @Override
            public void finishFailed(Request r, ErrorKind kind) {
                Simulation.this.finishFailed(r, kind);
            }
        });
        this.classes = t.classes;
        this.gauges = t.gauges;
        this.front = t.front;
        this.instances = t.instances;
        this.database = t.database;
        this.queue = t.queue;
        this.stats = new RunStats(classes.count(), windowNanos, options.stop().orElse(null));
        elasticity = t.fleet == null
                ? null
                : new Elasticity(engine, runEvents, spec, seed, windowNanos, t, this::loseRequests);
        sampler = new IntervalSampler(profile, stats, gauges, options.timeline());
        t.addMetrics(sampler, elasticity, stats);
    }

    /** Time for the retries' backoffs: at most 1.5 x backoff x 2^k for attempt k. */
    private static long retryAllowance(Client c) {
        long total = 0;
        for (int k = 0; k < c.retries(); k++) {
            total += (long) (1.5 * c.backoffNanos() * Math.pow(2, k));
        }
        return total;
    }

    /** Runs {@code spec} to the end of its profile (or the options' shorter duration) and drains. */
    public static SimResult run(Spec spec, SimOptions options) {
        return new Simulation(spec, options, false).execute();
    }

    /** As {@link #run}, with the elastic machinery (and availability figures) even without failures or autoscaling. */
    static SimResult runElastic(Spec spec, SimOptions options) {
        return new Simulation(spec, options, true).execute();
    }

    private SimResult execute() {
        long first = arrivals.next();
        if (first == Long.MAX_VALUE) {
            arrivalsDone = true;
        } else {
            engine.schedule(first, arrivalKind, 0);
        }
        engine.schedule(INTERVAL_NANOS, tickKind, 0);
        if (elasticity != null) {
            elasticity.scheduleAll();
        }
        while (!engine.events.isEmpty() && !stats.stopped()) {
            long t = engine.events.peekTime();
            if (t > hardEndNanos) {
                break;
            }
            while (requests.nextDeadline() < t) {
                expire(t);
            }
            engine.dispatchNext();
        }
        engine.now = Math.max(engine.now, sampler.lastTick());
        while (requests.nextDeadline() <= engine.now) {
            expire(engine.now);
        }
        return result();
    }

    /** A client's deadline passes before the next event: it gives up (and may try again). */
    private void expire(long before) {
        long deadline = requests.nextDeadline();
        Request r = requests.popDeadline();
        if (r != null && !r.timedOut) {
            long saved = engine.now;
            engine.now = Math.max(engine.now, Math.min(deadline, before));
            r.timedOut = true;
            attemptFailed(r, ErrorKind.TIMEOUT);
            engine.now = saved;
        }
    }

    /** An attempt failed: the client tries again after its backoff, or the request fails for good. */
    private void attemptFailed(Request r, ErrorKind kind) {
        if (r.attempt < client.retries()) {
            stats.retry();
            Request again = requests.allocate();
            again.requestClass = r.requestClass;
            again.arrivalNanos = r.arrivalNanos;
            again.attempt = r.attempt + 1;
            double jitter = 0.5 + retryRandom.nextDouble();
            long backoff = (long) (client.backoffNanos() * Math.pow(2, r.attempt) * jitter);
            engine.schedule(engine.now + backoff, retryKind, again.slot);
        } else {
            stats.error(kind);
            if (kind == ErrorKind.SPILLOVER) {
                runEvents.once(
                        "lb",
                        EventKind.SPILLOVER_BEGINS,
                        "the balancer's surge queue is full: requests are rejected with 503");
            }
        }
    }

    private void onRetry(Request r) {
        r.deadlineNanos = engine.now + client.timeoutNanos();
        requests.watchDeadline(r);
        front.route(r);
    }

    private void onArrival() {
        long now = engine.now;
        Request r = requests.allocate();
        r.requestClass = classes.pick(mixRandom);
        r.arrivalNanos = now;
        r.deadlineNanos = now + client.timeoutNanos();
        requests.watchDeadline(r);
        stats.arrival();
        long next = arrivals.next();
        if (next == Long.MAX_VALUE) {
            arrivalsDone = true;
        } else {
            engine.schedule(Math.max(next, now), arrivalKind, 0);
        }
        front.route(r);
    }

    private void startDatabase(Request r) {
        database.start(r);
    }

    /** The request's database work is done: a job frees its queue worker; a request leaves its job and responds. */
    private void afterDatabase(Request r) {
        if (r.job) {
            queue.jobDone(r);
        } else if (queue == null) {
            respond(r);
        } else {
            queue.afterDatabase(r);
        }
    }

    private void respond(Request r) {
        instances.releaseWorker(r);
        front.release(r);
        if (!r.timedOut) {
            stats.success(r.requestClass, engine.now, engine.now - r.arrivalNanos);
        }
        requests.release(r);
    }

    /** A request that holds a worker fails: it gives back what it holds, and its client may retry. */
    private void failInService(Request r, ErrorKind kind) {
        database.releaseConnection(r);
        instances.releaseWorker(r);
        front.release(r);
        finishFailed(r, kind);
    }

    /** Every client request in flight that was on a lost part fails; its client may retry. */
    private void loseRequests(Predicate<Request> on, ErrorKind kind) {
        requests.forEachLive(r -> {
            if (!r.job && !r.applyJob && !r.timedOut && on.test(r)) {
                r.timedOut = true;
                attemptFailed(r, kind);
            }
        });
    }

    /** A request failed before or after holding anything: count it (or retry it) and free it. */
    private void finishFailed(Request r, ErrorKind kind) {
        if (!r.timedOut) {
            attemptFailed(r, kind);
        }
        requests.release(r);
    }

    private void onTick() {
        accountCredits();
        if (elasticity != null) {
            elasticity.tick((engine.now - sampler.lastTick()) / 1e9);
        }
        sampler.close(engine.now);
        boolean more = !arrivalsDone || requests.live() > 0;
        if (more && engine.now + INTERVAL_NANOS <= hardEndNanos) {
            engine.schedule(engine.now + INTERVAL_NANOS, tickKind, 0);
        }
    }

    /** Charges each burstable node for the CPU it used since the last tick, and applies throttling. */
    private void accountCredits() {
        double seconds = (engine.now - sampler.lastTick()) / 1e9;
        if (seconds <= 0) {
            return;
        }
        instances.accountCredits(seconds);
        for (DbNode node : database.nodes) {
            node.accountCredits(engine.now, seconds, runEvents);
        }
    }

    private SimResult result() {
        if (engine.now > sampler.lastTick()) {
            accountCredits();
            sampler.close(engine.now);
        }
        return new ResultAssembly(
                        spec, classes.classes, gauges, stats, windowNanos, elasticity, instances, database.nodes)
                .result(options.seed(), engine.now, runEvents.kept());
    }
}
