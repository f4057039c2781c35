package dev.headroom.load.engine;

import dev.headroom.load.guard.GuardMonitor;
import dev.headroom.load.guard.Observations;
import dev.headroom.load.guard.Rule;
import dev.headroom.load.guard.ThresholdGoals;
import dev.headroom.load.run.HlogFiles;
import dev.headroom.load.run.Progress;
import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.scenario.Protocol;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scrape.MetricsScraper;
import dev.headroom.load.stats.ErrorKind;
import dev.headroom.load.stats.Histograms;
import dev.headroom.load.stats.Interval;
import dev.headroom.load.stats.IntervalSum;
import dev.headroom.load.stats.LoopStats;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.CleanupResult;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.run.WarmupSummary;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Runs a scenario against its targets and writes the run directory as it goes: every 200 ms it
 * collects each event loop's histograms and counters and evaluates the guards on them (so a
 * tripped guard stops arrivals well within a second); every second it appends the sum of those
 * sub-intervals to the timeline and the {@code .hlog} intervals, rewrites {@code run.json}
 * (status {@code running}) and prints the progress line. Arrivals stop at the profile's end, when
 * a guard trips, or on {@link #interrupt()}; requests in flight then get {@code client.grace} to
 * finish.
 */
public final class LoadEngine {
    private static final long SECOND = 1_000_000_000L;
    /** How often guards are evaluated: a fifth of the promised second from condition to stop. */
    private static final long GUARD_TICK_NANOS = 200_000_000L;

    private static final long START_DELAY_NANOS = 50_000_000L;

    /** How a run is identified and where it goes. {@code progress} is null when nobody watches. */
    public record Settings(
            String runId, long seed, Path dir, Path scenarioFile, RunMetadata metadata, Consumer<String> progress) {}

    /**
     * The run as written, whether every guard, threshold and the lag limit held, why arrivals
     * stopped early (null when they did not), and when a tripped guard's condition held and arrivals
     * stopped.
     */
    public record Result(Run run, Path dir, boolean passed, String stopReason, Optional<GuardStop> guardStop) {}

    /**
     * How fast a tripped guard acted, in seconds from the run's start: the start of the
     * sub-interval whose data first made its condition hold, when the engine decided to stop, and
     * when the last event loop had stopped its arrivals.
     */
    public record GuardStop(
            String rule, double conditionSinceSeconds, double decidedAtSeconds, double arrivalsStoppedAtSeconds) {
        /** From the condition holding to arrivals stopped: the promise is under a second. */
        public double reactionSeconds() {
            return arrivalsStoppedAtSeconds - conditionSinceSeconds;
        }
    }

    /** A target that cannot be used as written; nothing was sent. */
    public static final class TargetException extends Exception {
        private static final long serialVersionUID = 1L;

        TargetException(String message) {
            super(message);
        }
    }

    private final Scenario scenario;
    private final Settings settings;
    private final Transport transport;
    private final RunPlan plan;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String stopRequest;
    private volatile CleanupResult cleanup;
    /** The generator's warm-up before the measured window; null when it was turned off. */
    private volatile WarmupSummary warmup;

    private LoadEngine(Scenario scenario, Settings settings, Transport transport, RunPlan plan) {
        this.scenario = scenario;
        this.settings = settings;
        this.transport = transport;
        this.plan = plan;
    }

    public static LoadEngine prepare(Scenario scenario, Settings settings) throws TargetException {
        Transport transport = Transport.best();
        try {
            return new LoadEngine(
                    scenario, settings, transport, new RunPlan(scenario, settings.seed(), settings.runId(), transport));
        } catch (RunPlan.UnreachableTargetException e) {
            throw new TargetException(e.getMessage());
        }
    }

    /** Records the cleanup's baseline in every {@code run.json} written, so a later cleanup can prove itself. */
    public void cleanupBaseline(CleanupResult pending) {
        this.cleanup = pending;
    }

    /** Stops arrivals (Ctrl-C); the run then finishes as after a tripped guard. */
    public void interrupt() {
        if (stopRequest == null) {
            stopRequest = "interrupted";
        }
    }

    /** Waits until the result is written (for a shutdown hook). */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    public long graceNanos() {
        return scenario.client().graceNanos();
    }

    public String transportName() {
        return transport.name();
    }

    public Result run() throws IOException {
        int loops = plan.loops();
        EventLoopGroup group = transport.group(loops);
        CountDownLatch done = new CountDownLatch(loops);
        List<LoopWorker> workers = new ArrayList<>();
        int i = 0;
        for (EventExecutor e : group) {
            workers.add(new LoopWorker(plan, (EventLoop) e, i++, done));
        }
        MetricsScraper scraper = new MetricsScraper(scenario.metrics(), scenario.tagHeader(), settings.runId());
        try (RunDirectory dir = RunDirectory.create(settings.dir())) {
            if (settings.scenarioFile() != null) {
                dir.copySpec(settings.scenarioFile());
            }
            warmup = warmUp(group);
            warm(workers, warmup != null);
            Collector collector = new Collector(workers, dir, scraper, true);
            // The first run.json also loads the JSON classes, before the clock starts.
            collector.begin(System.nanoTime(), System.currentTimeMillis());
            dir.writeRun(collector.run("running", 0));
            try (HlogFiles hlog = new HlogFiles(settings.dir())) {
                collector.hlog = hlog;
                long startNanos = System.nanoTime() + START_DELAY_NANOS;
                long startMillis = System.currentTimeMillis() + START_DELAY_NANOS / 1_000_000;
                collector.begin(startNanos, startMillis);
                plan.start(startNanos);
                workers.forEach(LoopWorker::start);
                hlog.begin(startMillis);
                scraper.start();
                collector.loop(done);
            }
            return collector.result;
        } finally {
            scraper.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            finished.countDown();
        }
    }

    /**
     * The generator's warm-up against its in-process server, unless {@code client.warmup} is off or
     * the run speaks HTTP/2;
     * the run's collector rehearses on it, writing to a temporary directory deleted afterwards.
     */
    private WarmupSummary warmUp(EventLoopGroup group) throws IOException {
        long most = scenario.client().warmupNanos();
        // The warm-up server speaks HTTP/1.1: an HTTP/2 run warms its codec in memory instead.
        if (most <= 0 || scenario.client().protocol() != Protocol.HTTP_1_1) {
            return null;
        }
        Path scratch = Files.createTempDirectory("headroom-warmup-");
        try (RunDirectory dir = RunDirectory.create(scratch);
                HlogFiles hlog = new HlogFiles(scratch)) {
            return Warmup.run(plan, group, most, workers -> rehearsal(workers, dir, hlog));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * The run's collector over the warm-up's loops: each 200 ms window is collected, checked by the
     * guards (which act on nothing) and recorded as if it were a second, so the collector's code
     * (histograms, timeline, {@code .hlog}, {@code run.json}) is compiled before the run, too.
     */
    private Warmup.Windows rehearsal(List<LoopWorker> workers, RunDirectory dir, HlogFiles hlog) {
        Collector c = new Collector(workers, dir, new MetricsScraper(List.of(), scenario.tagHeader(), ""), false);
        c.hlog = hlog;
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        c.begin(startNanos, startMillis);
        hlog.begin(startMillis);
        IntervalSum second = new IntervalSum(c.classes.length);
        return (from, to) -> {
            Interval sub = c.collect(from, to);
            c.guards.evaluate(sub, (to - startNanos) / 1e9);
            second.add(sub);
            Interval iv = second.drain();
            c.record(iv, to);
            return iv.lag();
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Without the warm-up, warms each loop's code on an in-memory channel (at most 10 s); either way
     * connects ahead of the start (two connections per loop and target, at most 1 s), so the first
     * second measures the target rather than the JVM. After the warm-up the in-memory channel would
     * only teach the compiled code a channel type the run never uses.
     */
    private void warm(List<LoopWorker> workers, boolean codeWarmed) {
        int perTarget = 2;
        CountDownLatch code = new CountDownLatch(codeWarmed ? 0 : workers.size());
        CountDownLatch connected =
                new CountDownLatch(workers.size() * plan.targets().size() * perTarget);
        if (!codeWarmed) {
            workers.forEach(w -> w.warmCode(code));
        }
        workers.forEach(w -> w.warm(perTarget, connected));
        try {
            code.await(10, TimeUnit.SECONDS);
            connected.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The once-a-second bookkeeping, on the thread that called {@link #run()}. */
    private final class Collector {
        private final List<LoopWorker> workers;
        private long startNanos;
        private long startMillis;
        private final RunDirectory dir;
        private final MetricsScraper scraper;
        private final GuardMonitor guards = new GuardMonitor(scenario.guards());
        /** The open model's profile; null for the closed model, which offers no rate of its own. */
        private final Profile profile = scenario.model() instanceof LoadModel.Open open ? open.profile() : null;

        private final double duration = scenario.model().durationSeconds();
        private final List<String> classNames = plan.classNames();
        private final Histogram latency = Histograms.create();
        private final Histogram service = Histograms.create();
        private final Histogram lag = Histograms.create();
        private final Histogram wait = Histograms.create();
        private final Histogram[] classes;
        private final Map<String, Long> errors = new TreeMap<>();
        private final List<Measurement.Verdict> verdicts = new ArrayList<>();
        private final long[] lastArrivals;
        private final long[] lastCompleted;
        private final long[][] lastErrors;
        private final long[][] lastHttp;
        private final boolean watchesInFlight = guards.watchesInFlight();
        private final Histogram noAges = Histograms.create();
        private final Histogram subLatency = Histograms.create();
        private final Histogram subService = Histograms.create();
        private final Histogram subLag = Histograms.create();
        private final Histogram subWait = Histograms.create();
        private final Histogram[] subClasses;
        /** Per loop, the interval histograms its recorders last gave (latency, service, lag, wait, classes). */
        private final Histogram[][] recycled;

        private HlogFiles hlog;
        private long arrivals;
        private long completed;
        private long completedInWindow;
        private double windowSeconds;
        private double elapsed;
        private String stopReason;
        private long stopAtNanos;
        private GuardMonitor.Trip tripped;
        private Result result;
        private final JourneyTotals journeys;
        /** Whether the progress line is printed: not for the warm-up's rehearsal. */
        private final boolean announce;

        Collector(List<LoopWorker> workers, RunDirectory dir, MetricsScraper scraper, boolean announce) {
            this.workers = workers;
            this.announce = announce;
            this.journeys = new JourneyTotals(
                    plan, workers.stream().map(LoopWorker::journeyStats).toList());
            this.dir = dir;
            this.scraper = scraper;
            this.classes = new Histogram[classNames.size()];
            for (int c = 0; c < classes.length; c++) {
                classes[c] = Histograms.create();
            }
            int n = workers.size();
            this.subClasses = new Histogram[classes.length];
            for (int c = 0; c < classes.length; c++) {
                subClasses[c] = Histograms.create();
            }
            this.recycled = new Histogram[n][4 + classes.length];
            lastArrivals = new long[n];
            lastCompleted = new long[n];
            lastErrors = new long[n][ErrorKind.values().length];
            lastHttp = new long[n][LoopStats.statuses()];
        }

        void begin(long startNanos, long startMillis) {
            this.startNanos = startNanos;
            this.startMillis = startMillis;
        }

        void loop(CountDownLatch done) throws IOException {
            long endNanos = startNanos + (long) (duration * SECOND);
            long graceNanos = scenario.client().graceNanos();
            boolean aborted = false;
            long tick = startNanos + GUARD_TICK_NANOS;
            long recordAt = startNanos + SECOND;
            long subStart = startNanos;
            IntervalSum second = new IntervalSum(classes.length);
            while (true) {
                boolean allDone = awaitUntil(done, tick);
                long now = System.nanoTime();
                if (stopReason == null && stopRequest != null) {
                    stop(stopRequest, now);
                }
                Interval sub = collect(subStart, now);
                subStart = now;
                second.add(sub);
                if (stopReason == null) {
                    guard(sub, now);
                }
                if (allDone || now >= recordAt) {
                    record(second.drain(), now);
                    recordAt = Math.max(recordAt + SECOND, now + GUARD_TICK_NANOS);
                }
                if (allDone) {
                    break;
                }
                long deadline = stopReason != null ? stopAtNanos + graceNanos : endNanos + graceNanos;
                if (!aborted && now >= deadline) {
                    workers.forEach(LoopWorker::abort);
                    aborted = true;
                }
                tick += GUARD_TICK_NANOS;
                if (tick <= System.nanoTime()) {
                    tick = System.nanoTime() + GUARD_TICK_NANOS;
                }
            }
            finish();
        }

        private void guard(Interval sub, long now) {
            guards.evaluate(sub, (now - startNanos) / 1e9).ifPresent(trip -> {
                Measurement.Verdict v = trip.verdict();
                verdicts.add(v);
                stop(
                        String.format(
                                Locale.US,
                                "guard %s tripped at %.1fs (observed %s%s)",
                                v.rule(),
                                v.atSeconds(),
                                v.observed(),
                                v.unit()),
                        System.nanoTime());
                tripped = trip;
            });
        }

        private boolean awaitUntil(CountDownLatch done, long deadline) {
            while (true) {
                long wait = deadline - System.nanoTime();
                if (stopRequest != null && stopReason == null) {
                    return done.getCount() == 0;
                }
                if (wait <= 0) {
                    return done.getCount() == 0;
                }
                try {
                    if (done.await(Math.min(wait, 50_000_000L), TimeUnit.NANOSECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequest = "interrupted";
                }
            }
        }

        private void stop(String reason, long now) {
            stopReason = reason;
            stopAtNanos = now;
            workers.forEach(LoopWorker::stop);
        }

        /**
         * The sub-interval since {@code fromNanos}. Its histograms are this collector's own and are
         * reset by the next call (the sum and the guards copy what they keep), and each loop's
         * recorders get their previous interval histogram back: five collections a second allocate
         * no histogram in steady state.
         */
        private Interval collect(long fromNanos, long toNanos) {
            Histogram ivLatency = reset(subLatency);
            Histogram ivService = reset(subService);
            Histogram ivLag = reset(subLag);
            Histogram ivWait = reset(subWait);
            Histogram[] ivClasses = subClasses;
            for (Histogram h : ivClasses) {
                h.reset();
            }
            Histogram ages = watchesInFlight ? inFlightAges(toNanos) : reset(noAges);
            long ivArrivals = 0;
            long ivCompleted = 0;
            int inFlight = 0;
            int open = 0;
            boolean held = false;
            long heldSince = Long.MAX_VALUE;
            Map<String, Long> ivErrors = new TreeMap<>();
            for (int w = 0; w < workers.size(); w++) {
                LoopStats s = workers.get(w).stats();
                Histogram[] mine = recycled[w];
                mine[0] = s.intervalLatency(mine[0]);
                mine[1] = s.intervalService(mine[1]);
                mine[2] = s.intervalLag(mine[2]);
                mine[3] = s.intervalWait(mine[3]);
                ivLatency.add(mine[0]);
                ivService.add(mine[1]);
                ivLag.add(mine[2]);
                ivWait.add(mine[3]);
                for (int c = 0; c < classes.length && classes.length > 1; c++) {
                    mine[4 + c] = s.intervalClassLatency(c, mine[4 + c]);
                    ivClasses[c].add(mine[4 + c]);
                }
                long a = s.arrivals();
                long d = s.completed();
                ivArrivals += a - lastArrivals[w];
                ivCompleted += d - lastCompleted[w];
                lastArrivals[w] = a;
                lastCompleted[w] = d;
                for (ErrorKind k : ErrorKind.values()) {
                    long v = s.errors(k);
                    long delta = v - lastErrors[w][k.ordinal()];
                    lastErrors[w][k.ordinal()] = v;
                    if (delta > 0) {
                        ivErrors.merge(k.key(), delta, Long::sum);
                    }
                }
                for (int status = 0; status < LoopStats.statuses(); status++) {
                    long v = s.httpErrors(status);
                    long delta = v - lastHttp[w][status];
                    lastHttp[w][status] = v;
                    if (delta > 0) {
                        ivErrors.merge("http-" + status, delta, Long::sum);
                    }
                }
                inFlight += s.inFlight();
                open += s.openConnections();
                long since = s.heldSinceNanos();
                if (since != 0) {
                    held = true;
                    heldSince = Math.min(heldSince, since);
                }
            }
            if (classes.length == 1) {
                ivClasses[0].add(ivLatency);
            }
            double from = (fromNanos - startNanos) / 1e9;
            double length = (toNanos - fromNanos) / 1e9;
            long fromMillis = startMillis + (fromNanos - startNanos) / 1_000_000;
            long toMillis = startMillis + (toNanos - startNanos) / 1_000_000;
            for (Histogram h : List.of(ivLatency, ivService, ivLag, ivWait)) {
                h.setStartTimeStamp(fromMillis);
                h.setEndTimeStamp(toMillis);
            }
            for (Histogram h : ivClasses) {
                h.setStartTimeStamp(fromMillis);
                h.setEndTimeStamp(toMillis);
            }
            return new Interval(
                    from,
                    length,
                    ivArrivals,
                    ivCompleted,
                    ivErrors,
                    ivLatency,
                    ivService,
                    ivLag,
                    ivWait,
                    ivClasses,
                    ages,
                    inFlight,
                    open,
                    held,
                    held ? Math.max(0, toNanos - heldSince) / 1e6 : 0);
        }

        private static Histogram reset(Histogram h) {
            h.reset();
            return h;
        }

        /** Asks each loop for the ages of its requests in flight; a loop too busy to answer in 200 ms is skipped. */
        private Histogram inFlightAges(long now) {
            Histogram all = Histograms.create();
            List<Future<Histogram>> answers = new ArrayList<>();
            for (LoopWorker w : workers) {
                answers.add(w.loop().submit(() -> {
                    Histogram h = Histograms.create();
                    w.inFlightAges(h, now);
                    return h;
                }));
            }
            for (Future<Histogram> f : answers) {
                if (f.awaitUninterruptibly(200, TimeUnit.MILLISECONDS) && f.isSuccess()) {
                    all.add(f.getNow());
                }
            }
            return all;
        }

        private void record(Interval iv, long now) throws IOException {
            elapsed = (now - startNanos) / 1e9;
            latency.add(iv.latency());
            service.add(iv.service());
            lag.add(iv.lag());
            wait.add(iv.backpressureWait());
            for (int c = 0; c < classes.length; c++) {
                classes[c].add(iv.classLatency()[c]);
            }
            iv.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            journeys.drain();
            arrivals += iv.arrivals();
            completed += iv.completed();
            if (iv.startSeconds() < duration) {
                completedInWindow += iv.completed();
            }
            // The measured window: the whole profile, or up to the moment arrivals were stopped.
            windowSeconds = stopReason != null ? Math.min(duration, (stopAtNanos - startNanos) / 1e9) : duration;
            hlog.write(iv.latency(), classNames, iv.classLatency(), iv.service(), iv.lag(), iv.backpressureWait());
            double offered = iv.lengthSeconds() > 0 && profile != null
                    ? profile.expectedArrivals(iv.startSeconds(), iv.startSeconds() + iv.lengthSeconds())
                            / iv.lengthSeconds()
                    : 0;
            // Journeys ask for several requests each: what is sent and completed is compared with that.
            double offeredRequests = scenario.journeys().isEmpty() ? offered : offered * plan.requestsPerArrival();
            Map<String, ComponentSample> components = new LinkedHashMap<>();
            components.put(
                    "client.connections",
                    new ComponentSample(
                            round((double) iv.openConnections()
                                    / scenario.client().connections()),
                            iv.inFlight(),
                            0,
                            0));
            dir.appendTimeline(new TimelineRecord(
                    round(iv.startSeconds()),
                    round(offered),
                    iv.arrivals(),
                    iv.completed(),
                    0,
                    iv.errors(),
                    LatencySummary.of(iv.latency()),
                    components,
                    LatencySummary.of(iv.service()),
                    LatencySummary.of(iv.lag()),
                    scraper.sample(),
                    LatencySummary.of(iv.backpressureWait()),
                    offeredRequests == offered ? null : round(offeredRequests)));
            dir.flushTimeline();
            if (announce && settings.progress() != null) {
                settings.progress().accept(Progress.line(elapsed, duration, offeredRequests, iv));
            }
            dir.writeRun(run("running", elapsed));
        }

        private void finish() throws IOException {
            List<Measurement.Verdict> all = new ArrayList<>();
            all.addAll(verdicts);
            if (verdicts.isEmpty()) {
                all.addAll(guards.untripped(elapsed));
            }
            for (Rule t : scenario.thresholds()) {
                double observed = Observations.value(
                        t.metric(), latency, service, lag, wait, completed, errorCount(), windowSeconds);
                all.add(new Measurement.Verdict(
                        "threshold",
                        t.text(),
                        t.holds(observed),
                        round(observed),
                        t.metric().unit().suffix(),
                        round(elapsed)));
            }
            double lagP99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1000.0;
            double limit = scenario.client().lagLimitNanos() / 1e6;
            all.add(new Measurement.Verdict(
                    Measurement.Verdict.LAG_LIMIT,
                    "lag.p99 <= " + round(limit) + "ms",
                    lagP99 <= limit,
                    round(lagP99),
                    "ms",
                    round(elapsed)));
            verdicts.clear();
            verdicts.addAll(all);
            String status = stopReason == null
                    ? "completed"
                    : stopReason.equals("interrupted") ? "interrupted" : "stopped by guard";
            Run run = run(status, elapsed);
            dir.writeRun(run);
            boolean passed = all.stream().allMatch(Measurement.Verdict::passed);
            result = new Result(
                    run,
                    settings.dir(),
                    passed,
                    stopReason,
                    Optional.ofNullable(tripped).map(this::guardStop));
        }

        private GuardStop guardStop(GuardMonitor.Trip trip) {
            long stopped =
                    workers.stream().mapToLong(LoopWorker::stoppedAtNanos).max().orElse(stopAtNanos);
            return new GuardStop(
                    trip.verdict().rule(),
                    trip.conditionSinceSeconds(),
                    (stopAtNanos - startNanos) / 1e9,
                    (Math.max(stopped, stopAtNanos) - startNanos) / 1e9);
        }

        private long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        Run run(String status, double elapsedSeconds) {
            Map<String, LatencySummary> perClass = new LinkedHashMap<>();
            for (int c = 0; c < classes.length; c++) {
                perClass.put(classNames.get(c), LatencySummary.of(classes[c]));
            }
            double window = windowSeconds > 0 ? windowSeconds : 0;
            RunSummary summary = new RunSummary(
                    round(window),
                    arrivals,
                    completed,
                    window > 0 ? round(completedInWindow / window) : 0,
                    errorCount(),
                    0,
                    new TreeMap<>(errors),
                    LatencySummary.of(latency),
                    perClass,
                    Map.of(),
                    null);
            Measurement m = new Measurement(
                    status,
                    Instant.ofEpochMilli(startMillis).toString(),
                    round(elapsedSeconds),
                    scenario.targets().stream().map(Object::toString).toList(),
                    scenario.tagHeader(),
                    settings.runId(),
                    profile != null ? "open" : "closed",
                    transport.name(),
                    plan.loops(),
                    LatencySummary.of(service),
                    LatencySummary.of(lag),
                    verdicts,
                    cleanup,
                    journeys.summary(window),
                    LatencySummary.of(wait),
                    workers.stream().mapToLong(w -> w.stats().notSentCount()).sum(),
                    warmup);
            return new Run(settings.metadata(), summary, m).withGoals(ThresholdGoals.of(scenario.thresholds()));
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
