package dev.headroom.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;

/**
 * A small HTTP/2 server on 127.0.0.1 for the tests, on Netty's own HTTP/2 codec: cleartext with
 * prior knowledge (h2c), or TLS with ALPN (h2). It counts the TCP connections it accepted, the
 * streams open at once (and the most seen), the RST_STREAM frames it received, and records every
 * request. What it answers depends on the path:
 *
 * <ul>
 *   <li>{@code /slow}: 200 after {@link #delay(long)} milliseconds;
 *   <li>{@code /hang}: nothing (the client must give up);
 *   <li>{@code /drop}: nothing, and 300 ms later closes the TCP connection with every stream on it;
 *   <li>{@code /reset}: RST_STREAM INTERNAL_ERROR instead of a response;
 *   <li>{@code /goaway}: GOAWAY naming the stream before this one as the last it will process;
 *   <li>{@code /big}: 200 with a 3 MiB body ending in "THE END", more than a stream's window;
 *   <li>{@code /login}: 200, a {@code Set-Cookie: session=s3cret} and a body with a token;
 *   <li>{@code /account}: 200 "welcome" with that cookie and {@code x-token: t-42}, else 403;
 *   <li>anything else: 200 "hello from h2" (no body for HEAD).
 * </ul>
 */
final class H2TestServer implements AutoCloseable {
    /** What the server saw of one request. */
    record Seen(String method, String path, String tag, String cookie) {}

    static final int BIG_BODY_BYTES = 3 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong maxOpen = new AtomicLong();
    private final AtomicLong resetsReceived = new AtomicLong();
    private final Channel listener;
    private final boolean tls;
    private volatile long delayNanos;

    /** An h2c server (prior knowledge) allowing {@code maxConcurrentStreams} streams per connection. */
    H2TestServer(long maxConcurrentStreams) throws InterruptedException {
        this(null, maxConcurrentStreams);
    }

    /** An h2 server over TLS (ALPN offering h2 only) with the key in {@code keys}. */
    H2TestServer(KeyManagerFactory keys, long maxConcurrentStreams) throws InterruptedException {
        this.tls = keys != null;
        SslContext ssl = keys == null ? null : serverTls(keys);
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        children.add(ch);
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(
                                        Http2FrameCodecBuilder.forServer()
                                                .initialSettings(Http2Settings.defaultSettings()
                                                        .maxConcurrentStreams(maxConcurrentStreams))
                                                .build(),
                                        new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    private static SslContext serverTls(KeyManagerFactory keys) {
        try {
            return SslContextBuilder.forServer(keys)
                    .sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2))
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    H2TestServer delay(long millis) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** TCP connections accepted since the start. */
    long connections() {
        return connections.get();
    }

    /** The most streams that were open at once, over all connections. */
    long maxConcurrentStreams() {
        return maxOpen.get();
    }

    long resetsReceived() {
        return resetsReceived.get();
    }

    Queue<Seen> seen() {
        return seen;
    }

    long count(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).count();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        children.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Reads the frames of every stream on one connection (no child channels). */
    private final class Handler extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame f) {
                    onHeaders(ctx, f);
                } else if (msg instanceof Http2DataFrame f) {
                    int n = f.initialFlowControlledBytes();
                    if (n > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(n).stream(f.stream()));
                    }
                    if (f.isEndStream()) {
                        respond(ctx, f.stream(), pending.remove(f.stream().id()));
                    }
                } else if (msg instanceof Http2ResetFrame) {
                    resetsReceived.incrementAndGet();
                    open.decrementAndGet();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private final io.netty.util.collection.IntObjectHashMap<Http2Headers> pending =
                new io.netty.util.collection.IntObjectHashMap<>();

        private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame f) {
            Http2Headers h = f.headers();
            long now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            seen.add(new Seen(
                    String.valueOf(h.method()),
                    String.valueOf(h.path()),
                    h.get("x-headroom-run") == null
                            ? null
                            : h.get("x-headroom-run").toString(),
                    h.get("cookie") == null ? null : h.get("cookie").toString()));
            if (f.isEndStream()) {
                respond(ctx, f.stream(), h);
            } else {
                pending.put(f.stream().id(), h);
            }
        }

        private void respond(ChannelHandlerContext ctx, Http2FrameStream stream, Http2Headers request) {
            String path = String.valueOf(request.path());
            switch (path) {
                case "/hang" -> {}
                case "/drop" -> ctx.executor().schedule(() -> ctx.close(), 300, TimeUnit.MILLISECONDS);
                case "/reset" -> {
                    open.decrementAndGet();
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR).stream(stream));
                }
                case "/goaway" -> {
                    // The last stream it will process is the one before: this one the client must fail.
                    open.decrementAndGet();
                    ChannelHandlerContext codec = ctx.pipeline().context(Http2FrameCodec.class);
                    ((Http2FrameCodec) codec.handler())
                            .goAway(
                                    codec,
                                    Math.max(0, stream.id() - 2),
                                    Http2Error.NO_ERROR.code(),
                                    Unpooled.EMPTY_BUFFER,
                                    codec.newPromise());
                    codec.flush();
                }
                case "/slow" -> ctx.executor()
                        .schedule(
                                () -> {
                                    answer(ctx, stream, request, 200, null, "slow but fine");
                                    ctx.flush();
                                },
                                delayNanos,
                                TimeUnit.NANOSECONDS);
                case "/big" -> answer(ctx, stream, request, 200, null, "x".repeat(BIG_BODY_BYTES) + " THE END");
                case "/login" -> answer(ctx, stream, request, 200, "session=s3cret; Path=/", "token: t-42 ok");
                case "/account" -> {
                    boolean in = String.valueOf(request.get("cookie")).contains("session=s3cret")
                            && "t-42".equals(String.valueOf(request.get("x-token")));
                    answer(ctx, stream, request, in ? 200 : 403, null, in ? "welcome" : "who are you");
                }
                default -> answer(ctx, stream, request, 200, null, "hello from h2");
            }
        }

        private void answer(
                ChannelHandlerContext ctx,
                Http2FrameStream stream,
                Http2Headers request,
                int status,
                String setCookie,
                String body) {
            open.decrementAndGet();
            Http2Headers h = new DefaultHttp2Headers().status(String.valueOf(status));
            h.add("content-type", "text/plain");
            if (setCookie != null) {
                h.add("set-cookie", setCookie);
            }
            boolean head = "HEAD".contentEquals(request.method());
            ctx.write(new DefaultHttp2HeadersFrame(h, head).stream(stream));
            if (!head) {
                ByteBuf bytes = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
                ctx.write(new DefaultHttp2DataFrame(bytes, true).stream(stream));
            }
        }
    }
}
