package dev.headroom.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on 127.0.0.1 for the tests: it records each request (arrival time,
 * path, tag header), answers with a body chosen by path, and can delay every response by a fixed
 * time or freeze (answer nothing) for part of every cycle. Stops when closed.
 */
final class TestServer implements AutoCloseable {
    /** What the server saw of one request. */
    record Seen(long nanos, String path, String tag) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private final Channel listener;
    private volatile long delayNanos;
    private volatile long freezeEveryNanos;
    private volatile long freezeForNanos;
    private volatile Function<String, String> dynamicBody;
    private volatile long failAfter = Long.MAX_VALUE;
    private final Map<String, io.netty.buffer.ByteBuf> largeBodies = new ConcurrentHashMap<>();
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong maxActive = new AtomicLong();
    private final boolean https;

    TestServer() throws InterruptedException {
        this(null);
    }

    /** A server speaking TLS with {@code ssl} (HTTPS), or plain HTTP when it is null. */
    TestServer(SslContext ssl) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                });
        https = ssl != null;
        listener = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Answers a few hundred requests from the JDK's client, so the server's own warm-up does not show in a test. */
    TestServer warmed() throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/warm"))
                .build();
        for (int i = 0; i < 300; i++) {
            c.send(r, java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        seen.clear();
        count.set(0);
        return this;
    }

    String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    TestServer delay(long millis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    /** Answers nothing for {@code forMillis} at the end of every {@code everyMillis}; held answers leave when it ends. */
    TestServer freeze(long everyMillis, long forMillis) {
        freezeEveryNanos = TimeUnit.MILLISECONDS.toNanos(everyMillis);
        freezeForNanos = TimeUnit.MILLISECONDS.toNanos(forMillis);
        return this;
    }

    TestServer body(String path, String body) {
        bodies.put(path, body);
        return this;
    }

    /** Answers {@code path} with {@code bytes} of 'x' (one shared buffer, however many answers). */
    TestServer largeBody(String path, int bytes) {
        byte[] b = new byte[bytes];
        java.util.Arrays.fill(b, (byte) 'x');
        largeBodies.put(path, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(b)));
        return this;
    }

    /** Answers 500 to every request after the first {@code requests}. */
    TestServer failAfter(long requests) {
        failAfter = requests;
        return this;
    }

    TestServer dynamic(Function<String, String> body) {
        dynamicBody = body;
        return this;
    }

    /** The most requests the server held unanswered at once. */
    long maxConcurrent() {
        return maxActive.get();
    }

    long count() {
        return count.get();
    }

    Queue<Seen> seen() {
        return seen;
    }

    /** Stops listening and drops every open connection, as a crashed target would. */
    void kill() {
        listener.close().syncUninterruptibly();
        children.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        kill();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private long releaseDelay(long now) {
        long d = delayNanos;
        if (freezeEveryNanos > 0) {
            long phase = (now - startNanos) % freezeEveryNanos;
            long freezeStart = freezeEveryNanos - freezeForNanos;
            if (phase >= freezeStart) {
                d = Math.max(d, freezeEveryNanos - phase);
            }
        }
        return d;
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long now = System.nanoTime();
            boolean fail = count.incrementAndGet() > failAfter;
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            String path = req.uri();
            seen.add(new Seen(now, path, req.headers().get("X-Headroom-Run")));
            Function<String, String> dyn = dynamicBody;
            String text = bodies.getOrDefault(path, dyn != null ? dyn.apply(path) : "ok");
            io.netty.buffer.ByteBuf large = largeBodies.get(path);
            FullHttpResponse res = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    fail
                            ? HttpResponseStatus.INTERNAL_SERVER_ERROR
                            : path.startsWith("/status/")
                                    ? HttpResponseStatus.valueOf(Integer.parseInt(path.substring(8)))
                                    : HttpResponseStatus.OK,
                    large != null ? large.duplicate() : Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            long d = releaseDelay(now);
            if (d <= 0) {
                active.decrementAndGet();
                ctx.writeAndFlush(res);
            } else {
                ctx.executor()
                        .schedule(
                                () -> {
                                    active.decrementAndGet();
                                    ctx.writeAndFlush(res);
                                },
                                d,
                                TimeUnit.NANOSECONDS);
            }
        }
    }
}
