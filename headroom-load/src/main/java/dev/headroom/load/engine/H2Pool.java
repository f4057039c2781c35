package dev.headroom.load.engine;

import dev.headroom.load.stats.ErrorKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One loop's HTTP/2 connections: a stream slot is taken from a connection with room (the one
 * used longest ago first, so streams fill few connections), and a new connection is opened only
 * when none has room and the loop is under its share of {@code client.connections}. Everything
 * here runs on the loop's thread.
 */
final class H2Pool {
    final LoopWorker worker;
    final int maxStreams;
    private final RunPlan plan;
    private final Bootstrap bootstrap;
    private final int maxConnections;
    /** Per target, the connections that may have room for a stream (checked when taken). */
    private final List<ArrayDeque<H2Conn>> withRoom = new ArrayList<>();

    private final List<H2Conn> all = new ArrayList<>();

    H2Pool(LoopWorker worker, RunPlan plan, Bootstrap bootstrap, int maxConnections) {
        this.worker = worker;
        this.plan = plan;
        this.bootstrap = bootstrap;
        this.maxConnections = maxConnections;
        this.maxStreams = plan.client().maxStreams();
        for (int t = 0; t < plan.targets().size(); t++) {
            withRoom.add(new ArrayDeque<>());
        }
    }

    /** TCP connections open or opening. */
    int open() {
        return all.size();
    }

    /** A stream slot to {@code target}, on a new connection if needed and allowed; null when none is free. */
    Conn take(int target) {
        ArrayDeque<H2Conn> q = withRoom.get(target);
        H2Conn h = q.peekFirst();
        while (h != null && !h.hasRoom()) {
            q.pollFirst();
            h.listed = false;
            h = q.peekFirst();
        }
        if (h == null) {
            if (all.size() >= maxConnections && !closeIdleElsewhere(target)) {
                return null;
            }
            h = connect(target);
        }
        return h.slot();
    }

    /** Opens a connection to {@code target} ahead of the run; {@code ready} counts down when it is ready or has failed. */
    void warm(int target, java.util.concurrent.CountDownLatch ready) {
        if (all.size() >= maxConnections || !withRoom.get(target).isEmpty()) {
            ready.countDown();
            return;
        }
        connect(target).readyLatch = ready;
    }

    private boolean pumpScheduled;
    private final Runnable pumpTask = this::pumpNow;

    private void pumpNow() {
        pumpScheduled = false;
        worker.capacityChanged();
    }

    /** Lets due arrivals go after the current event (once, however many streams closed in it). */
    void pumpSoon() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            worker.loop().execute(pumpTask);
        }
    }

    void roomFreed(H2Conn h) {
        if (!h.listed && h.hasRoom()) {
            h.listed = true;
            withRoom.get(h.target).addLast(h);
        }
    }

    /** Ends an exchange that failed on its stream; {@code reset} sends RST_STREAM CANCEL for it. */
    void streamFailed(Conn c, ErrorKind kind, boolean reset) {
        H2Conn h = c.h2;
        worker.streamFailed(c, kind);
        if (reset) {
            h.cancel(c);
        } else {
            h.release(c);
        }
        worker.capacityChanged();
    }

    private H2Conn connect(int target) {
        H2Conn h = new H2Conn(this, target);
        h.index = all.size();
        all.add(h);
        SslContext ssl = plan.ssl(target);
        ChannelFuture f = bootstrap
                .clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline()
                                    .addLast(
                                            ssl.newHandler(
                                                    ch.alloc(),
                                                    plan.host(target),
                                                    plan.address(target).getPort()),
                                            new H2Alpn(h, codec()));
                        } else {
                            ch.pipeline().addLast(codec(), h);
                        }
                    }
                })
                .connect(plan.address(target));
        h.channel = f.channel();
        f.addListener(future -> {
            if (!future.isSuccess()) {
                connectFailed(h, future.cause());
            }
        });
        h.listed = true;
        withRoom.get(target).addLast(h);
        return h;
    }

    static io.netty.channel.ChannelHandler codec() {
        return Http2FrameCodecBuilder.forClient()
                .initialSettings(
                        Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(H2Conn.WINDOW_BYTES))
                // Responses are read, not forwarded: header validation would only cost time.
                .validateHeaders(false)
                // The client closes a connection only when it is done with its streams (run over,
                // grace run out, or none left after GOAWAY): no waiting for them (Netty's default: 30 s).
                .gracefulShutdownTimeoutMillis(0)
                .build();
    }

    /** The connection never became usable: its exchanges fail as a connect error, and it is closed. */
    void connectFailed(H2Conn h, Throwable cause) {
        h.failure = cause;
        h.signalReady();
        if (h.closed) {
            return;
        }
        forget(h);
        h.channel.close();
        h.failAll(
                cause instanceof H2Alpn.NotNegotiatedException
                        ? ErrorKind.H2_NOT_NEGOTIATED
                        : LoopWorker.connectError(cause));
        worker.capacityChanged();
    }

    /** The TCP connection is gone: exchanges still on it fail as the connection's loss. */
    void closed(H2Conn h) {
        if (!h.closed) {
            forget(h);
        }
        ErrorKind kind = !h.ready
                ? LoopWorker.connectError(h.failure)
                : LoopWorker.isReset(h.failure) ? ErrorKind.CONNECTION_RESET : ErrorKind.CONNECTION_CLOSED;
        h.failAll(kind);
        worker.capacityChanged();
    }

    void close(H2Conn h) {
        if (!h.closed) {
            forget(h);
            h.channel.close();
        }
    }

    private void forget(H2Conn h) {
        h.closed = true;
        int index = h.index;
        H2Conn last = all.remove(all.size() - 1);
        if (last != h) {
            all.set(index, last);
            last.index = index;
        }
        h.index = -1;
    }

    /** With several targets and no room for another connection, closes one without streams elsewhere. */
    private boolean closeIdleElsewhere(int target) {
        for (int i = all.size() - 1; i >= 0; i--) {
            H2Conn h = all.get(i);
            if (h.target != target && h.active() == 0) {
                close(h);
                return true;
            }
        }
        return false;
    }

    /**
     * Every 20 ms: a stream with no complete response within the request timeout fails as
     * {@code timeout} and is reset (only that stream); a connection whose server sent no SETTINGS
     * within the connect timeout is given up.
     */
    void sweep(long now, long requestTimeoutNanos, long connectTimeoutNanos) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (i >= all.size()) {
                continue;
            }
            H2Conn h = all.get(i);
            if (!h.ready && now - h.startedNanos > connectTimeoutNanos) {
                h.settingsTimedOut(connectTimeoutNanos);
                continue;
            }
            List<Conn> slots = h.inUse();
            for (int k = slots.size() - 1; k >= 0; k--) {
                if (k >= slots.size()) {
                    continue;
                }
                Conn c = slots.get(k);
                if (c.busy && c.sentNanos != 0 && now - c.sentNanos > requestTimeoutNanos) {
                    streamFailed(c, ErrorKind.TIMEOUT, true);
                }
            }
        }
    }

    /** Ends the run now: every exchange fails as {@code kind} and every connection closes. */
    void closeAll(ErrorKind kind) {
        for (H2Conn h : new ArrayList<>(all)) {
            if (kind != null) {
                // Before the close, so the exchanges count as {@code kind}, not as the connection's loss.
                h.failAll(kind);
            }
            close(h);
        }
    }

    boolean isInFlight(Session s) {
        for (H2Conn h : all) {
            for (Conn c : h.inUse()) {
                if (c.busy && c.session == s) {
                    return true;
                }
            }
        }
        return false;
    }

    void inFlightAges(Histogram into, long now) {
        for (H2Conn h : all) {
            for (Conn c : h.inUse()) {
                if (c.busy) {
                    into.recordValue(dev.headroom.load.stats.Histograms.micros(now - c.dueNanos));
                }
            }
        }
    }
}
