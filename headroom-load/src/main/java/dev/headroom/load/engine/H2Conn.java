package dev.headroom.load.engine;

import dev.headroom.load.stats.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One HTTP/2 connection (behind Netty's {@code Http2FrameCodec}) and its stream slots: each slot
 * is a {@link Conn} holding one exchange, so the worker's checks, journeys and timing are the same
 * as on HTTP/1.1. It carries at most {@code capacity} streams at once: {@code client.maxStreams},
 * or fewer if the server's SETTINGS_MAX_CONCURRENT_STREAMS says so; one until the server's first
 * SETTINGS arrives. The bytes of every DATA frame are given back to the flow-control windows as
 * soon as they are read (kept or dropped), so a large body never stalls the connection.
 */
final class H2Conn extends Http2ChannelDuplexHandler {
    /** The receive window of each stream and the connection: a 1 MiB body flows without waiting. */
    static final int WINDOW_BYTES = 1 << 20;
    /** RFC 9113 section 6.9.2: a connection's window starts at 65,535 bytes whatever SETTINGS say. */
    private static final int INITIAL_CONNECTION_WINDOW = 65_535;

    final H2Pool pool;
    final int target;
    final long startedNanos;
    Channel channel;
    private ChannelHandlerContext ctx;
    /** The server's SETTINGS arrived (and, on TLS, ALPN chose h2): streams may be sent. */
    boolean ready;

    boolean closed;
    boolean goingAway;
    /** Whether the pool lists this connection among those with room for a stream. */
    boolean listed;

    int capacity = 1;
    /** Slot index in the pool's list of connections. */
    int index = -1;

    CountDownLatch readyLatch;
    Throwable failure;
    private final List<Conn> inUse = new ArrayList<>();
    private final ArrayDeque<Conn> free = new ArrayDeque<>();
    private final IntObjectHashMap<Conn> byStream = new IntObjectHashMap<>();
    /**
     * Slots whose exchange has ended but whose stream the codec has not closed yet (it closes a
     * stream after handing over its last frame): they still count against the server's limit.
     */
    private final IntObjectHashMap<Conn> closing = new IntObjectHashMap<>();

    H2Conn(H2Pool pool, int target) {
        this.pool = pool;
        this.target = target;
        this.startedNanos = System.nanoTime();
    }

    boolean hasRoom() {
        return !closed && !goingAway && inUse.size() + closing.size() < capacity;
    }

    /** Streams in use or not yet closed by the codec. */
    int active() {
        return inUse.size() + closing.size();
    }

    /** The busy stream slots (all slots in use are busy but while the worker fills one). */
    List<Conn> inUse() {
        return inUse;
    }

    /** A free stream slot, counted as in use until {@link #release(Conn)}. */
    Conn slot() {
        Conn c = free.pollFirst();
        if (c == null) {
            c = new Conn(pool.worker, target);
            c.h2 = this;
            c.channel = channel;
        }
        c.connected = ready;
        c.closed = false;
        c.slot = inUse.size();
        inUse.add(c);
        return c;
    }

    /** Gives a slot back once its exchange has ended (or never began). */
    void release(Conn c) {
        if (c.slot < 0) {
            return;
        }
        int slot = c.slot;
        Conn last = inUse.remove(inUse.size() - 1);
        if (last != c) {
            inUse.set(slot, last);
            last.slot = slot;
        }
        c.slot = -1;
        int id = c.streamId;
        if (id != 0) {
            byStream.remove(id);
        }
        boolean open = c.stream != null && c.stream.state() != Http2Stream.State.CLOSED;
        c.streamId = 0;
        c.stream = null;
        c.h2Headers = null;
        if (closed) {
            c.closed = true;
        } else if (open) {
            closing.put(id, c);
        } else {
            reuse(c);
        }
    }

    private void reuse(Conn c) {
        free.addFirst(c);
        if (goingAway && active() == 0) {
            pool.close(this);
        } else {
            pool.roomFreed(this);
        }
    }

    /** Writes the slot's request as a new stream: HEADERS, and DATA when it has a body. */
    void send(Conn c) {
        ByteBuf body = c.pending;
        Http2Headers headers = c.h2Headers;
        c.pending = null;
        c.h2Headers = null;
        boolean hasBody = body.isReadable();
        Http2FrameStream s = newStream();
        c.sentNanos = System.nanoTime();
        ctx.write(new DefaultHttp2HeadersFrame(headers, !hasBody).stream(s), ctx.voidPromise());
        // The codec numbered the stream as it wrote the HEADERS (this runs on the channel's loop).
        c.stream = s;
        c.streamId = s.id();
        if (c.streamId > 0) {
            byStream.put(c.streamId, c);
        }
        if (hasBody) {
            ctx.write(new DefaultHttp2DataFrame(body, true).stream(s), ctx.voidPromise());
        } else {
            body.release();
        }
        ctx.flush();
    }

    /** Ends a stream the client gives up on (a timeout) with RST_STREAM CANCEL; the connection goes on. */
    void cancel(Conn c) {
        Http2FrameStream s = c.stream;
        if (s != null && !closed && s.state() != Http2Stream.State.CLOSED) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(s), ctx.voidPromise());
        }
        release(c);
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2FrameStreamEvent e
                && e.type() == Http2FrameStreamEvent.Type.State
                && e.stream().state() == Http2Stream.State.CLOSED) {
            Conn c = closing.remove(e.stream().id());
            if (c != null && !closed) {
                reuse(c);
                // Not from inside the codec's own bookkeeping: the next stream goes after it.
                pool.pumpSoon();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2DataFrame f) {
                onData(f);
            } else if (msg instanceof Http2HeadersFrame f) {
                onHeaders(f);
            } else if (msg instanceof Http2SettingsFrame f) {
                onSettings(f.settings().maxConcurrentStreams());
            } else if (msg instanceof Http2ResetFrame f) {
                onReset(f.stream().id());
            } else if (msg instanceof Http2GoAwayFrame f) {
                onGoAway(f.lastStreamId());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onSettings(Long maxConcurrentStreams) {
        int serverLimit = maxConcurrentStreams == null
                ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE, maxConcurrentStreams);
        capacity = Math.min(pool.maxStreams, serverLimit);
        if (!ready && !closed) {
            ready = true;
            // The connection's own window only grows by WINDOW_UPDATE on stream 0.
            ctx.writeAndFlush(
                    new DefaultHttp2WindowUpdateFrame(WINDOW_BYTES * 4 - INITIAL_CONNECTION_WINDOW), ctx.voidPromise());
            signalReady();
            for (Conn c : new ArrayList<>(inUse)) {
                c.connected = true;
                if (c.busy && c.pending != null) {
                    send(c);
                }
            }
        }
        pool.roomFreed(this);
    }

    private void onHeaders(Http2HeadersFrame f) {
        Conn c = byStream.get(f.stream().id());
        if (c == null || !c.busy) {
            return;
        }
        if (c.status == 0) {
            CharSequence status = f.headers().status();
            int code = status == null ? -1 : parseStatus(status);
            if (code < 0) {
                pool.streamFailed(c, ErrorKind.BAD_RESPONSE, true);
                return;
            }
            if (code < 200) {
                // An interim response (100 Continue, 103 Early Hints): the real one follows.
                return;
            }
            c.status = code;
            if (c.session != null) {
                c.headers = http1Headers(f.headers());
            }
        }
        if (f.isEndStream()) {
            pool.worker.onResponse(c);
        }
    }

    private void onData(Http2DataFrame f) {
        Conn c = byStream.get(f.stream().id());
        boolean mine = c != null && c.busy;
        if (mine && c.bodyLimit > 0 && !c.bodyOverLimit && f.content().isReadable()) {
            c.buffer(f.content());
        }
        int consumed = f.initialFlowControlledBytes();
        if (consumed > 0) {
            // Read and done with: the window opens again (a closed stream's bytes the codec returns itself).
            ctx.write(new DefaultHttp2WindowUpdateFrame(consumed).stream(f.stream()), ctx.voidPromise());
        }
        if (mine && f.isEndStream()) {
            pool.worker.onResponse(c);
        }
    }

    private void onReset(int streamId) {
        Conn c = byStream.get(streamId);
        if (c != null && c.busy) {
            pool.streamFailed(c, ErrorKind.STREAM_RESET, false);
        }
    }

    /**
     * The server will take no new streams and will not process those above {@code lastStreamId}:
     * they fail as {@code goaway}, as do requests not yet sent here; the rest may still finish.
     */
    private void onGoAway(int lastStreamId) {
        goingAway = true;
        for (Conn c : new ArrayList<>(inUse)) {
            if (c.busy && (c.streamId == 0 || c.streamId > lastStreamId)) {
                pool.streamFailed(c, ErrorKind.GOAWAY, false);
            }
        }
        if (inUse.isEmpty() && !closed) {
            pool.close(this);
        }
        pool.worker.capacityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException e) {
            // A malformed response on one stream: the codec resets that stream, the others go on.
            Conn c = byStream.get(e.stream().id());
            if (c != null && c.busy) {
                pool.streamFailed(c, ErrorKind.BAD_RESPONSE, false);
            }
            return;
        }
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        signalReady();
        pool.closed(this);
        ctx.fireChannelInactive();
    }

    /** Fails every exchange still on this connection with {@code kind}, and frees their slots. */
    void failAll(ErrorKind kind) {
        for (Conn c : new ArrayList<>(inUse)) {
            if (c.busy) {
                pool.streamFailed(c, kind, false);
            } else {
                release(c);
            }
        }
        closing.clear();
    }

    /** Gives up a connection whose server never sent its SETTINGS within the connect timeout. */
    void settingsTimedOut(long timeoutNanos) {
        failure = new ConnectTimeoutException("no HTTP/2 SETTINGS within " + timeoutNanos / 1_000_000 + " ms");
        pool.connectFailed(this, failure);
    }

    void signalReady() {
        if (readyLatch != null) {
            readyLatch.countDown();
            readyLatch = null;
        }
    }

    private static int parseStatus(CharSequence status) {
        try {
            int code = AsciiString.of(status).parseInt();
            return code >= 100 && code <= 999 ? code : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A journey step's response headers as extraction and cookies read them (no pseudo-headers). */
    private static HttpHeaders http1Headers(Http2Headers h2) {
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<CharSequence, CharSequence> e : h2) {
            CharSequence name = e.getKey();
            if (name.length() > 0 && name.charAt(0) != ':') {
                out.add(name, e.getValue());
            }
        }
        return out;
    }
}
