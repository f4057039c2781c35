package dev.headroom.load.engine;

import dev.headroom.load.scenario.Check;
import dev.headroom.load.scenario.Journey;
import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.stats.ErrorKind;
import dev.headroom.load.stats.JourneyStats;
import dev.headroom.load.stats.LoopStats;
import dev.headroom.load.template.Draw;
import dev.headroom.model.random.RandomStream;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The open model on one event loop: sends each of its arrivals at its due time on an idle
 * keep-alive connection (opening one while under the loop's share of {@code client.connections}),
 * and records latency from the due time, service time from the send, and lag from due time to
 * dispatch. When every connection is busy, due arrivals wait in the arrival process itself (no
 * queue grows) and leave as soon as a connection frees. The delay from due time to send is
 * recorded in two parts: the backpressure wait (from when the pump first found no connection or
 * in-flight slot free, or from the due time if later, until sent: the target's slowness) and the
 * generator's lag (the rest: the loop behind its schedule). Latency from the due time includes
 * both. Everything here runs on the loop's thread.
 */
final class LoopWorker {
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * Arrivals one pump handles before it yields the loop (the wake it schedules is due at once):
     * a loop far behind its due times, or refusing arrivals over the in-flight limit, would
     * otherwise draw arrivals without end and never read a response or a stop.
     */
    static final int MAX_ARRIVALS_PER_PUMP = 10_000;

    private final RunPlan plan;
    private final EventLoop loop;
    private final LoopStats stats;
    private final LoopArrivals arrivals;
    private final Mix mix;
    private final Draw draw;
    private final Bootstrap bootstrap;
    private final int maxConnections;
    private final int maxInFlight;
    private final boolean failOverLimit;
    private final List<ArrayDeque<Conn>> idle = new ArrayList<>();
    private final List<Conn> all = new ArrayList<>();
    /** The HTTP/2 connections and their stream slots; null on HTTP/1.1. */
    private final H2Pool h2;

    private final CountDownLatch done;
    private final Runnable wakeTask = this::wake;
    private final List<VirtualUser> users = new ArrayList<>();
    private final RandomStream thinkRandom;
    private boolean usersActive;
    private final JourneyStats journeyStats;
    /** Journey steps that are due and wait for a connection or an in-flight slot, oldest first. */
    private final ArrayDeque<Session> waiting = new ArrayDeque<>();
    /** Journey sessions begun and not yet ended (thinking, waiting or in flight). */
    private final java.util.Set<Session> live = new java.util.LinkedHashSet<>();

    private long nextDue;
    private long sequence;
    private int open;
    private int inFlight;
    /** When the pump first found no connection or in-flight slot free for a due arrival; 0 when not held. */
    private long heldSince;

    private boolean started;
    private boolean stopped;
    private boolean finished;
    private ScheduledFuture<?> wake;
    private long wakeAt;
    private ScheduledFuture<?> sweep;
    /** When this loop stopped its arrivals (after a guard or Ctrl-C); 0 until then. */
    private volatile long stoppedAtNanos;

    LoopWorker(RunPlan plan, EventLoop loop, int index, CountDownLatch done) {
        this.plan = plan;
        this.done = done;
        this.loop = loop;
        this.stats = new LoopStats(plan.classes().size());
        this.journeyStats = new JourneyStats(
                plan.journeys().stream().mapToInt(j -> j.requests().size()).toArray(),
                plan.classes().size());
        this.arrivals = plan.arrivals(index);
        this.mix = new Mix(plan.entryWeights(), RandomStream.of(plan.seed(), "mix-" + index));
        this.draw = plan.feeders().drawer(RandomStream.of(plan.seed(), "feeders-" + index));
        this.thinkRandom = RandomStream.of(plan.seed(), "think-" + index);
        if (plan.model() instanceof LoadModel.Closed closed) {
            for (int u = index; u < closed.users(); u += plan.loops()) {
                users.add(new VirtualUser(u % plan.targets().size()));
            }
        }
        int loops = plan.loops();
        this.maxConnections = Math.max(
                1, plan.client().connections() / loops + (index < plan.client().connections() % loops ? 1 : 0));
        int cap = plan.client().inFlightLimit();
        this.maxInFlight = Math.max(1, cap / loops + (index < cap % loops ? 1 : 0));
        this.failOverLimit = plan.client().failOverLimit();
        for (int t = 0; t < plan.targets().size(); t++) {
            idle.add(new ArrayDeque<>());
        }
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(plan.transport().channel())
                // The pooled allocator: Netty 4.2's adaptive default spent ~100 ms on a loop's first read.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, plan.client().connectTimeoutNanos() / 1_000_000));
        this.h2 = plan.client().protocol().multiplexed() ? new H2Pool(this, plan, bootstrap, maxConnections) : null;
    }

    long stoppedAtNanos() {
        return stoppedAtNanos;
    }

    LoopStats stats() {
        return stats;
    }

    JourneyStats journeyStats() {
        return journeyStats;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * Opens up to {@code perTarget} connections to each target before the run starts, so the first
     * due requests do not pay for connecting and class loading; {@code ready} counts each one down
     * when it is connected or has failed.
     */
    void warm(int perTarget, CountDownLatch ready) {
        loop.execute(() -> {
            for (int t = 0; t < plan.targets().size(); t++) {
                for (int k = 0; k < perTarget; k++) {
                    if (h2 != null) {
                        h2.warm(t, ready);
                        continue;
                    }
                    if (open >= maxConnections) {
                        ready.countDown();
                        continue;
                    }
                    Conn c = connect(t);
                    c.ready = ready;
                }
            }
        });
    }

    /**
     * Runs the request and response code on this loop's thread without the network (a throwaway
     * feeder state, an in-memory channel, throwaway histograms), so the first due requests are not
     * held up by class loading and the interpreter.
     */
    void warmCode(CountDownLatch ready) {
        loop.execute(() -> {
            try {
                Draw scratch = new dev.headroom.load.template.Feeders(plan.feederSpecs())
                        .drawer(RandomStream.of(plan.seed(), "warm"));
                LoopStats throwaway = new LoopStats(plan.classes().size());
                byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel(
                        new io.netty.handler.codec.http.HttpResponseDecoder());
                for (int i = 0; i < 2_000; i++) {
                    for (int r = 0; r < plan.classes().size(); r++) {
                        scratch.next();
                        io.netty.util.ReferenceCountUtil.release(
                                plan.writer(r, 0).write(ch.alloc(), scratch));
                        if (h2 != null) {
                            RequestWriter.H2Request h2Request =
                                    plan.writer(r, 0).h2(ch.alloc(), scratch, null);
                            if (h2Request != null) {
                                h2Request.body().release();
                            }
                        }
                    }
                    ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(response));
                    Object msg;
                    while ((msg = ch.readInbound()) != null) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                    }
                    throwaway.arrival(i, i / 2);
                    throwaway.success(0, i * 1000L, i * 500L);
                    mix.pick();
                }
                ch.finishAndReleaseAll();
                if (h2 != null) {
                    H2Warmup.run(plan, scratch, 2_000);
                }
                for (int size = 64; size <= 65_536; size *= 2) {
                    PooledByteBufAllocator.DEFAULT.ioBuffer(size).release();
                    PooledByteBufAllocator.DEFAULT.heapBuffer(size).release();
                }
            } finally {
                ready.countDown();
            }
        });
    }

    int maxConnections() {
        return maxConnections;
    }

    void start() {
        loop.execute(() -> {
            nextDue = arrivals == null ? Long.MAX_VALUE : arrivals.next();
            started = true;
            sweep = loop.scheduleAtFixedRate(this::sweep, SWEEP_NANOS, SWEEP_NANOS, TimeUnit.NANOSECONDS);
            if (plan.model() instanceof LoadModel.Closed closed) {
                startUsers(closed);
            }
            pump();
        });
    }

    /**
     * Stops new arrivals; requests in flight go on. Arrivals and journey steps already due but not
     * sent are counted as not sent: the stop cut them off, they are not errors of the target's.
     */
    void stop() {
        loop.execute(() -> {
            if (stopped) {
                return;
            }
            // Arrivals already due when the stop came are sent (a timer may not have fired yet);
            // only those the connections or the in-flight cap still hold back stay unsent.
            pump();
            stopped = true;
            stoppedAtNanos = System.nanoTime();
            endUsers();
            endSessions(true);
            dropDueArrivals(System.nanoTime(), true);
            nextDue = Long.MAX_VALUE;
            cancelWake();
            maybeFinish();
        });
    }

    /** Ends the run on this loop now: whatever is still in flight or due is unfinished. */
    void abort() {
        loop.execute(() -> {
            stopped = true;
            endUsers();
            endSessions(false);
            long now = System.nanoTime();
            dropDueArrivals(Math.max(now, plan.startNanos() + plan.endNanos()), false);
            nextDue = Long.MAX_VALUE;
            cancelWake();
            for (Conn c : new ArrayList<>(all)) {
                if (c.busy) {
                    stats.error(ErrorKind.UNFINISHED);
                    finishExchange(c, ErrorKind.UNFINISHED.key());
                }
                closeConn(c);
            }
            if (h2 != null) {
                h2.closeAll(ErrorKind.UNFINISHED);
            }
            maybeFinish();
        });
    }

    /**
     * Gives up the arrivals due up to {@code until}: not sent when a stop cut them off, else (the
     * grace ran out while they waited for a connection) unfinished, an error.
     */
    private void dropDueArrivals(long until, boolean cutOff) {
        while (nextDue != Long.MAX_VALUE && plan.startNanos() + nextDue <= until) {
            arrival(plan.startNanos() + nextDue, System.nanoTime());
            giveUp(cutOff);
            nextDue = arrivals.next();
        }
    }

    private void giveUp(boolean cutOff) {
        if (cutOff) {
            stats.notSent();
        } else {
            stats.error(ErrorKind.UNFINISHED);
        }
    }

    private void wake() {
        wake = null;
        pump();
    }

    private void pump() {
        if (finished || !started) {
            return;
        }
        long start = plan.startNanos();
        long now = System.nanoTime();
        boolean held = false;
        int budget = MAX_ARRIVALS_PER_PUMP;
        // Journey steps already due go before new arrivals: they were due earlier.
        while (!stopped && !waiting.isEmpty() && budget-- > 0) {
            Session s = waiting.peekFirst();
            Conn c = inFlight >= maxInFlight ? null : takeConn(s.target);
            if (c == null) {
                held = true;
                break;
            }
            waiting.pollFirst();
            sendStep(c, s, now);
            now = System.nanoTime();
        }
        while (!held && !stopped && nextDue != Long.MAX_VALUE && start + nextDue <= now && budget-- > 0) {
            if (inFlight >= maxInFlight) {
                if (!failOverLimit) {
                    held = true;
                    break;
                }
                // Refused at once, never held: its whole delay is the generator's.
                stats.arrival(now - (start + nextDue), 0);
                stats.error(ErrorKind.IN_FLIGHT_LIMIT);
                sequence++;
                nextDue = arrivals.next();
                now = System.nanoTime();
                continue;
            }
            int target = (int) (sequence % plan.targets().size());
            Conn c = takeConn(target);
            if (c == null) {
                held = true;
                break;
            }
            sequence++;
            dispatch(c, start + nextDue, now);
            nextDue = arrivals.next();
            now = System.nanoTime();
        }
        if (held) {
            if (heldSince == 0) {
                heldSince = now;
            }
        } else if (!waiting.isEmpty()) {
            // The budget ran out with steps still due: go on at once, after the loop's other work.
            scheduleWake(now, now);
        } else {
            heldSince = 0;
            if (!stopped && nextDue != Long.MAX_VALUE) {
                scheduleWake(start + nextDue, now);
            }
        }
        maybeFinish();
    }

    /**
     * Records an arrival (or a due journey step) due at {@code due} and sent (or given up) at
     * {@code now}: while the pump holds, the time since the hold began (or since its due time, if
     * later) is backpressure wait; the rest of the delay is the generator's own lag.
     */
    private void arrival(long due, long now) {
        long delay = Math.max(0, now - due);
        long wait = heldSince == 0 ? 0 : Math.min(delay, Math.max(0, now - Math.max(heldSince, due)));
        stats.arrival(delay - wait, wait);
    }

    /** An idle connection to {@code target}, a new one if the loop has room, or null (the caller holds). */
    private Conn takeConn(int target) {
        if (h2 != null) {
            return h2.take(target);
        }
        Conn c = idle.get(target).pollFirst();
        while (c != null && c.closed) {
            c = idle.get(target).pollFirst();
        }
        if (c == null) {
            if (open >= maxConnections && !closeIdleElsewhere(target)) {
                return null;
            }
            c = connect(target);
        }
        return c;
    }

    private void dispatch(Conn c, long due, long now) {
        int entry = mix.pick();
        if (entry >= plan.requests().size()) {
            int j = entry - plan.requests().size();
            Session s = new Session(j, plan.journeys().get(j), c.target, draw.newSessionStore(), c.user, due);
            live.add(s);
            journeyStats.started(j);
            sendStep(c, s, now);
            return;
        }
        arrival(due, now);
        int request = entry;
        draw.next();
        RequestWriter writer = plan.writer(request, c.target);
        ByteBuf bytes = render(c, writer, null);
        if (draw.exhausted() || bytes == null) {
            if (bytes != null) {
                bytes.release();
            }
            stats.error(bytes == null ? ErrorKind.UNSAFE_VALUE : ErrorKind.FEEDER_EXHAUSTED);
            if (c.user != null) {
                thinkThenSend(c.user);
            } else {
                giveBack(c);
            }
            return;
        }
        Check check = plan.classes().get(request).check();
        c.begin(due, request, writer.isHead(), bytes, check.readsBody() ? plan.bodyLimit() : 0);
        inFlight++;
        if (c.connected) {
            send(c);
        }
    }

    /**
     * The request's bytes for {@code c} (HTTP/1.1), or for an HTTP/2 stream slot its body, its
     * headers going to {@code c.h2Headers}; null when a filled-in value is unsafe.
     */
    private ByteBuf render(Conn c, RequestWriter writer, Session s) {
        if (c.h2 == null) {
            return s == null ? writer.write(c.channel.alloc(), draw) : writer.write(c.channel.alloc(), draw, s);
        }
        RequestWriter.H2Request r = writer.h2(c.channel.alloc(), draw, s);
        if (r == null) {
            return null;
        }
        c.h2Headers = r.headers();
        return r.body();
    }

    /** A connection (or stream slot) whose request was never begun goes back to be taken again. */
    private void giveBack(Conn c) {
        if (c.h2 != null) {
            c.h2.release(c);
        } else if (c.connected) {
            idle.get(c.target).addFirst(c);
        }
    }

    /** Sends the session's due step on {@code c}: latency and lag count from the step's due time. */
    private void sendStep(Conn c, Session s, long now) {
        arrival(s.dueNanos, now);
        int cls = plan.stepClass(s.journey, s.requestStep);
        journeyStats.stepSent(cls);
        draw.session(s.feederValues, s.variables);
        RequestWriter writer = plan.writer(cls, c.target);
        ByteBuf bytes = render(c, writer, s);
        if (draw.exhausted() || bytes == null) {
            if (bytes != null) {
                bytes.release();
            }
            ErrorKind kind = bytes == null ? ErrorKind.UNSAFE_VALUE : ErrorKind.FEEDER_EXHAUSTED;
            stats.error(kind);
            if (c.user == null) {
                giveBack(c);
            }
            afterStep(s, kind.key(), now);
            return;
        }
        Journey.Step.Request step = s.current();
        boolean readsBody = step.request().check().readsBody()
                || step.extract().values().stream().anyMatch(Journey.Extract::readsBody);
        c.begin(s.dueNanos, cls, writer.isHead(), bytes, readsBody ? plan.bodyLimit() : 0);
        c.session = s;
        inFlight++;
        if (c.connected) {
            send(c);
        }
    }

    /**
     * What follows a journey step: a failure ends the journey (abandoned at this step) unless it
     * says {@code onFailure: continue}; otherwise the next request step is due when this one
     * completed plus the pauses between them, and the journey completes after its last step.
     */
    private void afterStep(Session s, String failure, long now) {
        if (failure != null) {
            journeyStats.stepFailed(plan.stepClass(s.journey, s.requestStep), failure);
        }
        if (stopped || (s.user != null && !usersActive)) {
            endSession(s);
            journeyStats.unfinished(s.journey);
            return;
        }
        // The warm-up's server knows none of a journey's values: its journeys go on to their last step.
        if (failure != null && s.spec.onFailure() == Journey.OnFailure.STOP && !plan.warmup()) {
            endSession(s);
            journeyStats.abandoned(s.journey, s.requestStep, reason(failure));
            afterSession(s);
            return;
        }
        long think = 0;
        int i = s.step + 1;
        List<Journey.Step> steps = s.spec.steps();
        while (i < steps.size() && steps.get(i) instanceof Journey.Step.Think t) {
            think += t.exponential() ? (long) thinkRandom.exponential(t.meanNanos()) : t.meanNanos();
            i++;
        }
        if (i >= steps.size()) {
            endSession(s);
            journeyStats.completed(s.journey, now - s.startDueNanos);
            afterSession(s);
            return;
        }
        s.step = i;
        s.requestStep++;
        s.dueNanos = now + think;
        if (think == 0 && s.user == null) {
            waiting.addLast(s);
        } else {
            s.timer = loop.schedule(() -> resume(s), think, TimeUnit.NANOSECONDS);
        }
    }

    /** A check that failed is {@code journey-check}; an extraction or a transport error keeps its own kind. */
    private static String reason(String failure) {
        return failure.startsWith("http-") || failure.startsWith("check-") || failure.equals("body-too-large")
                ? "journey-check"
                : failure;
    }

    private void resume(Session s) {
        s.timer = null;
        if (!live.contains(s)) {
            return;
        }
        if (stopped || (s.user != null && !usersActive)) {
            endSession(s);
            journeyStats.unfinished(s.journey);
            maybeFinish();
            return;
        }
        if (s.user == null) {
            waiting.addLast(s);
            pump();
            return;
        }
        VirtualUser u = s.user;
        Conn c = u.conn;
        if (c == null || c.closed) {
            c = connect(u.target);
            c.user = u;
            u.conn = c;
        }
        sendStep(c, s, System.nanoTime());
    }

    private void endSession(Session s) {
        live.remove(s);
        if (s.timer != null) {
            s.timer.cancel(false);
            s.timer = null;
        }
    }

    /** In the closed model the user thinks, then starts its next request or journey. */
    private void afterSession(Session s) {
        if (s.user != null) {
            thinkThenSend(s.user);
        }
    }

    /**
     * At a stop: journeys not in flight end unfinished, and steps already due but unsent are given
     * up as due arrivals are ({@code cutOff}: not sent). Those in flight end when their response comes.
     */
    private void endSessions(boolean cutOff) {
        long now = System.nanoTime();
        for (Session s : waiting) {
            arrival(s.dueNanos, now);
            giveUp(cutOff);
        }
        waiting.clear();
        for (Session s : new ArrayList<>(live)) {
            if (s.timer != null || !isInFlight(s)) {
                endSession(s);
                journeyStats.unfinished(s.journey);
            }
        }
    }

    private boolean isInFlight(Session s) {
        if (h2 != null && h2.isInFlight(s)) {
            return true;
        }
        for (Conn c : all) {
            if (c.busy && c.session == s) {
                return true;
            }
        }
        return false;
    }

    private void send(Conn c) {
        if (c.h2 != null) {
            c.h2.send(c);
            return;
        }
        ByteBuf bytes = c.pending;
        c.pending = null;
        c.sentNanos = System.nanoTime();
        c.channel.writeAndFlush(bytes, c.channel.voidPromise());
    }

    private Conn connect(int target) {
        Conn c = new Conn(this, target);
        open++;
        c.slot = all.size();
        all.add(c);
        SslContext ssl = plan.ssl(target);
        ChannelFuture f = bootstrap
                .clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline()
                                    .addLast(ssl.newHandler(
                                            ch.alloc(),
                                            plan.host(target),
                                            plan.address(target).getPort()));
                        }
                        ch.pipeline().addLast(new Conn.Decoder(c), c);
                    }
                })
                .connect(plan.address(target));
        c.channel = f.channel();
        f.addListener(future -> {
            if (!future.isSuccess()) {
                onConnectFailed(c, future.cause());
            } else if (ssl == null) {
                onConnected(c);
            }
        });
        return c;
    }

    void onConnected(Conn c) {
        c.signalReady();
        if (c.closed) {
            return;
        }
        c.connected = true;
        if (c.busy && c.pending != null) {
            send(c);
        } else if (!c.busy && c.user == null) {
            idle.get(c.target).addFirst(c);
            pump();
        }
    }

    void onConnectFailed(Conn c, Throwable cause) {
        c.signalReady();
        if (c.closed) {
            return;
        }
        forget(c);
        c.channel.close();
        if (c.busy) {
            ErrorKind kind = connectError(cause);
            stats.error(kind);
            finishExchange(c, kind.key());
        }
        pump();
    }

    void onResponse(Conn c) {
        if (!c.busy) {
            return;
        }
        long now = System.nanoTime();
        Check check = plan.classes().get(c.request).check();
        ErrorKind kind = null;
        String failure = null;
        boolean statusOk;
        if (check.status().isEmpty()) {
            statusOk = c.status >= 200 && c.status < 400;
            if (!statusOk) {
                stats.httpError(c.status);
                failure = "http-" + c.status;
            }
        } else {
            statusOk = check.status().contains(c.status);
            if (!statusOk) {
                kind = ErrorKind.CHECK_STATUS;
            }
        }
        if (statusOk && check.readsBody()) {
            kind = c.bodyOverLimit ? ErrorKind.BODY_TOO_LARGE : bodyPasses(check, c.body) ? null : ErrorKind.CHECK_BODY;
            statusOk = kind == null;
        }
        if (statusOk && c.session != null && !stepResponse(c)) {
            statusOk = false;
            kind = ErrorKind.JOURNEY_EXTRACT;
        } else if (c.session != null) {
            storeCookies(c);
        }
        if (statusOk) {
            stats.success(c.request, now - c.dueNanos, now - c.sentNanos);
            if (c.session != null) {
                journeyStats.stepSucceeded(c.request, now - c.dueNanos, now - c.sentNanos);
            }
        } else if (kind != null) {
            stats.error(kind);
            failure = kind.key();
        }
        if (c.h2 != null) {
            c.h2.release(c);
        } else if (!c.keepAlive || stopped) {
            closeConn(c);
        } else if (c.user == null) {
            idle.get(c.target).addFirst(c);
        }
        finishExchange(c, failure);
        pump();
    }

    /** An HTTP/2 stream's exchange failed (reset, GOAWAY, timeout, connection lost); its slot is freed by the pool. */
    void streamFailed(Conn c, ErrorKind kind) {
        if (c.busy) {
            stats.error(kind);
            finishExchange(c, kind.key());
        }
    }

    /** An HTTP/2 connection has room again (or a request failed): due arrivals may go. */
    void capacityChanged() {
        pump();
    }

    /** Stores the step's cookies and extracts its variables; false when a variable was not found. */
    private boolean stepResponse(Conn c) {
        storeCookies(c);
        Session s = c.session;
        Journey.Step.Request step = s.current();
        return Extraction.run(step.extract(), s.spec.variables(), s.variables, c.status, c.headers, c.body);
    }

    private void storeCookies(Conn c) {
        if (c.headers == null) {
            return;
        }
        Session s = c.session;
        RequestWriter writer = plan.writer(c.request, c.target);
        long nowMillis = System.currentTimeMillis();
        for (String v : c.headers.getAll(io.netty.handler.codec.http.HttpHeaderNames.SET_COOKIE)) {
            s.jar.receive(v, writer.cookieHost(), s.lastPath, nowMillis);
        }
    }

    void onBadResponse(Conn c) {
        if (c.busy) {
            stats.error(ErrorKind.BAD_RESPONSE);
            finishExchange(c, ErrorKind.BAD_RESPONSE.key());
        }
        closeConn(c);
        pump();
    }

    void onClosed(Conn c) {
        if (!c.closed) {
            forget(c);
        }
        if (c.busy) {
            ErrorKind kind = !c.connected
                    ? connectError(c.failure)
                    : isReset(c.failure) ? ErrorKind.CONNECTION_RESET : ErrorKind.CONNECTION_CLOSED;
            stats.error(kind);
            finishExchange(c, kind.key());
        }
        pump();
    }

    private static boolean bodyPasses(Check check, StringBuilder body) {
        String text = body == null ? "" : body.toString();
        if (check.bodyContains().isPresent()
                && !text.contains(check.bodyContains().get())) {
            return false;
        }
        return check.bodyMatches().isEmpty()
                || check.bodyMatches().get().matcher(text).find();
    }

    /** Ends the exchange on {@code c}; {@code failure} is its error kind, null when it succeeded. */
    private void finishExchange(Conn c, String failure) {
        c.end();
        inFlight--;
        Session s = c.session;
        c.session = null;
        c.headers = null;
        if (c.user != null && c.closed) {
            c.user.conn = null;
        }
        if (s != null) {
            afterStep(s, failure, System.nanoTime());
        } else if (c.user != null) {
            thinkThenSend(c.user);
        }
    }

    // The closed model: each virtual user sends, waits for the response, thinks, and sends again.

    private void startUsers(LoadModel.Closed closed) {
        usersActive = true;
        long now = System.nanoTime();
        for (VirtualUser u : users) {
            // Users start spread over one think time, so they do not arrive in step.
            long first = (long) (thinkRandom.nextDouble() * closed.thinkTimeNanos());
            schedule(u, Math.max(plan.startNanos(), now) + first, now);
        }
        long end = plan.startNanos() + plan.endNanos();
        loop.schedule(this::endUsers, Math.max(0, end - now), TimeUnit.NANOSECONDS);
    }

    private void endUsers() {
        if (!usersActive) {
            return;
        }
        usersActive = false;
        for (VirtualUser u : users) {
            if (u.timer != null) {
                u.timer.cancel(false);
                u.timer = null;
            }
        }
        // Journeys thinking between steps end here, unfinished; those in flight end with their response.
        endSessions(stopped);
        maybeFinish();
    }

    private void thinkThenSend(VirtualUser u) {
        if (!usersActive || stopped) {
            return;
        }
        LoadModel.Closed closed = (LoadModel.Closed) plan.model();
        long think = closed.exponentialThink()
                ? (long) thinkRandom.exponential(closed.thinkTimeNanos())
                : closed.thinkTimeNanos();
        long now = System.nanoTime();
        schedule(u, now + think, now);
    }

    private void schedule(VirtualUser u, long at, long now) {
        u.dueNanos = at;
        u.timer = loop.schedule(() -> send(u), Math.max(0, at - now), TimeUnit.NANOSECONDS);
    }

    private void send(VirtualUser u) {
        u.timer = null;
        if (!usersActive || stopped) {
            return;
        }
        Conn c = u.conn;
        if (c == null || c.closed) {
            c = connect(u.target);
            c.user = u;
            u.conn = c;
        }
        dispatch(c, u.dueNanos, System.nanoTime());
    }

    private void closeConn(Conn c) {
        if (!c.closed) {
            forget(c);
            c.channel.close();
        }
    }

    /** Drops a connection from the books: it no longer counts against the loop's limit. */
    private void forget(Conn c) {
        c.closed = true;
        open--;
        int slot = c.slot;
        Conn last = all.remove(all.size() - 1);
        if (last != c) {
            all.set(slot, last);
            last.slot = slot;
        }
        c.slot = -1;
    }

    /** With several targets and no room for another connection, gives up an idle one to another target. */
    private boolean closeIdleElsewhere(int target) {
        for (int t = 0; t < idle.size(); t++) {
            if (t == target) {
                continue;
            }
            Conn c = idle.get(t).pollLast();
            while (c != null && c.closed) {
                c = idle.get(t).pollLast();
            }
            if (c != null) {
                closeConn(c);
                return true;
            }
        }
        return false;
    }

    private void scheduleWake(long at, long now) {
        if (wake != null) {
            if (wakeAt <= at) {
                return;
            }
            wake.cancel(false);
        }
        wakeAt = at;
        wake = loop.schedule(wakeTask, Math.max(0, at - now), TimeUnit.NANOSECONDS);
    }

    private void cancelWake() {
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        long timeout = plan.client().requestTimeoutNanos();
        for (int i = all.size() - 1; i >= 0; i--) {
            Conn c = all.get(i);
            if (c.busy && c.sentNanos != 0 && now - c.sentNanos > timeout) {
                stats.error(ErrorKind.TIMEOUT);
                finishExchange(c, ErrorKind.TIMEOUT.key());
                closeConn(c);
            }
        }
        if (h2 != null) {
            h2.sweep(now, timeout, plan.client().connectTimeoutNanos());
        }
        stats.gauges(inFlight, h2 == null ? open : h2.open(), heldSince);
        if (!stopped && nextDue == Long.MAX_VALUE && !usersActive && live.isEmpty()) {
            maybeFinish();
        }
        pump();
    }

    /** Adds to {@code into} the age (from due time) of every request in flight: a lower bound on its latency. */
    void inFlightAges(Histogram into, long now) {
        if (h2 != null) {
            h2.inFlightAges(into, now);
        }
        for (Conn c : all) {
            if (c.busy) {
                into.recordValue(dev.headroom.load.stats.Histograms.micros(now - c.dueNanos));
            }
        }
    }

    private void maybeFinish() {
        if (!finished && (stopped || (nextDue == Long.MAX_VALUE && !usersActive && live.isEmpty())) && inFlight == 0) {
            finished = true;
            cancelWake();
            if (sweep != null) {
                sweep.cancel(false);
            }
            for (Conn c : new ArrayList<>(all)) {
                closeConn(c);
            }
            if (h2 != null) {
                h2.closeAll(null);
            }
            stats.gauges(0, 0, 0);
            done.countDown();
        }
    }

    static ErrorKind connectError(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return ErrorKind.CONNECT_TIMEOUT;
        }
        if (cause instanceof ConnectException && message(cause).contains("refused")) {
            return ErrorKind.CONNECT_REFUSED;
        }
        return ErrorKind.CONNECT_ERROR;
    }

    static boolean isReset(Throwable cause) {
        return cause instanceof IOException && message(cause).contains("reset");
    }

    private static String message(Throwable t) {
        return t == null || t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
