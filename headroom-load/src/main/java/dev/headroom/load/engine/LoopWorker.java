package dev.headroom.load.engine;

import dev.headroom.load.scenario.Check;
import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.stats.ErrorKind;
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
 * queue grows) and leave as soon as a connection frees; their wait shows as lag and in latency.
 * Everything here runs on the loop's thread.
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
    private final CountDownLatch done;
    private final Runnable wakeTask = this::wake;
    private final List<VirtualUser> users = new ArrayList<>();
    private final RandomStream thinkRandom;
    private boolean usersActive;

    private long nextDue;
    private long sequence;
    private int open;
    private int inFlight;
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
        this.stats = new LoopStats(plan.requests().size());
        this.arrivals = plan.arrivals(index);
        this.mix = new Mix(plan.requests(), RandomStream.of(plan.seed(), "mix-" + index));
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
    }

    long stoppedAtNanos() {
        return stoppedAtNanos;
    }

    LoopStats stats() {
        return stats;
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
                LoopStats throwaway = new LoopStats(plan.requests().size());
                byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel(
                        new io.netty.handler.codec.http.HttpResponseDecoder());
                for (int i = 0; i < 2_000; i++) {
                    for (int r = 0; r < plan.requests().size(); r++) {
                        scratch.next();
                        io.netty.util.ReferenceCountUtil.release(
                                plan.writer(r, 0).write(ch.alloc(), scratch));
                    }
                    ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(response));
                    Object msg;
                    while ((msg = ch.readInbound()) != null) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                    }
                    throwaway.arrival(i);
                    throwaway.success(0, i * 1000L, i * 500L);
                    mix.pick();
                }
                ch.finishAndReleaseAll();
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

    /** Stops new arrivals; requests in flight go on. Arrivals already due but not sent count as unfinished. */
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
            dropDueArrivals(System.nanoTime());
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
            long now = System.nanoTime();
            dropDueArrivals(Math.max(now, plan.startNanos() + plan.endNanos()));
            nextDue = Long.MAX_VALUE;
            cancelWake();
            for (Conn c : new ArrayList<>(all)) {
                if (c.busy) {
                    stats.error(ErrorKind.UNFINISHED);
                    finishExchange(c);
                }
                closeConn(c);
            }
            maybeFinish();
        });
    }

    private void dropDueArrivals(long until) {
        while (nextDue != Long.MAX_VALUE && plan.startNanos() + nextDue <= until) {
            stats.arrival(System.nanoTime() - (plan.startNanos() + nextDue));
            stats.error(ErrorKind.UNFINISHED);
            nextDue = arrivals.next();
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
        while (!stopped && nextDue != Long.MAX_VALUE && start + nextDue <= now && budget-- > 0) {
            if (inFlight >= maxInFlight) {
                if (!failOverLimit) {
                    held = true;
                    break;
                }
                stats.arrival(now - (start + nextDue));
                stats.error(ErrorKind.IN_FLIGHT_LIMIT);
                sequence++;
                nextDue = arrivals.next();
                now = System.nanoTime();
                continue;
            }
            int target = (int) (sequence % plan.targets().size());
            Conn c = idle.get(target).pollFirst();
            while (c != null && c.closed) {
                c = idle.get(target).pollFirst();
            }
            if (c == null) {
                if (open >= maxConnections && !closeIdleElsewhere(target)) {
                    held = true;
                    break;
                }
                c = connect(target);
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
        } else {
            heldSince = 0;
            if (!stopped && nextDue != Long.MAX_VALUE) {
                scheduleWake(start + nextDue, now);
            }
        }
        maybeFinish();
    }

    private void dispatch(Conn c, long due, long now) {
        stats.arrival(now - due);
        int request = mix.pick();
        draw.next();
        RequestWriter writer = plan.writer(request, c.target);
        ByteBuf bytes = writer.write(c.channel.alloc(), draw);
        if (draw.exhausted() || bytes == null) {
            if (bytes != null) {
                bytes.release();
            }
            stats.error(bytes == null ? ErrorKind.UNSAFE_VALUE : ErrorKind.FEEDER_EXHAUSTED);
            if (c.user != null) {
                thinkThenSend(c.user);
            } else if (c.connected) {
                idle.get(c.target).addFirst(c);
            }
            return;
        }
        Check check = plan.requests().get(request).check();
        c.begin(due, request, writer.isHead(), bytes, check.readsBody() ? plan.bodyLimit() : 0);
        inFlight++;
        if (c.connected) {
            send(c);
        }
    }

    private void send(Conn c) {
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
            stats.error(connectError(cause));
            finishExchange(c);
        }
        pump();
    }

    void onResponse(Conn c) {
        if (!c.busy) {
            return;
        }
        long now = System.nanoTime();
        Check check = plan.requests().get(c.request).check();
        ErrorKind kind = null;
        boolean statusOk;
        if (check.status().isEmpty()) {
            statusOk = c.status >= 200 && c.status < 400;
            if (!statusOk) {
                stats.httpError(c.status);
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
        if (statusOk) {
            stats.success(c.request, now - c.dueNanos, now - c.sentNanos);
        } else if (kind != null) {
            stats.error(kind);
        }
        if (!c.keepAlive || stopped) {
            closeConn(c);
        } else if (c.user == null) {
            idle.get(c.target).addFirst(c);
        }
        finishExchange(c);
        pump();
    }

    void onBadResponse(Conn c) {
        if (c.busy) {
            stats.error(ErrorKind.BAD_RESPONSE);
            finishExchange(c);
        }
        closeConn(c);
        pump();
    }

    void onClosed(Conn c) {
        if (!c.closed) {
            forget(c);
        }
        if (c.busy) {
            if (!c.connected) {
                stats.error(connectError(c.failure));
            } else {
                stats.error(isReset(c.failure) ? ErrorKind.CONNECTION_RESET : ErrorKind.CONNECTION_CLOSED);
            }
            finishExchange(c);
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

    private void finishExchange(Conn c) {
        c.end();
        inFlight--;
        if (c.user != null) {
            if (c.closed) {
                c.user.conn = null;
            }
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
                finishExchange(c);
                closeConn(c);
            }
        }
        stats.gauges(inFlight, open, heldSince);
        if (!stopped && nextDue == Long.MAX_VALUE && !usersActive) {
            maybeFinish();
        }
        pump();
    }

    /** Adds to {@code into} the age (from due time) of every request in flight: a lower bound on its latency. */
    void inFlightAges(Histogram into, long now) {
        for (Conn c : all) {
            if (c.busy) {
                into.recordValue(dev.headroom.load.stats.Histograms.micros(now - c.dueNanos));
            }
        }
    }

    private void maybeFinish() {
        if (!finished && (stopped || (nextDue == Long.MAX_VALUE && !usersActive)) && inFlight == 0) {
            finished = true;
            cancelWake();
            if (sweep != null) {
                sweep.cancel(false);
            }
            for (Conn c : new ArrayList<>(all)) {
                closeConn(c);
            }
            stats.gauges(0, 0, 0);
            done.countDown();
        }
    }

    private static ErrorKind connectError(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return ErrorKind.CONNECT_TIMEOUT;
        }
        if (cause instanceof ConnectException && message(cause).contains("refused")) {
            return ErrorKind.CONNECT_REFUSED;
        }
        return ErrorKind.CONNECT_ERROR;
    }

    private static boolean isReset(Throwable cause) {
        return cause instanceof IOException && message(cause).contains("reset");
    }

    private static String message(Throwable t) {
        return t == null || t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
