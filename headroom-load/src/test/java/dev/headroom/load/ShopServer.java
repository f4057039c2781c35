package dev.headroom.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shop on 127.0.0.1 for the journey tests: POST /login sets a session cookie and returns a
 * CSRF-style token in JSON; GET /basket needs the cookie and answers {@code item id=42}; POST
 * /checkout/42 needs the cookie and the session's token as its body (403 otherwise); /fail is a
 * 500; /login?evil hands out a token with a line break in it. It records every request with its
 * cookie, tag, Authorization and X-User headers.
 */
final class ShopServer implements AutoCloseable {
    record Seen(
            long nanos, String method, String path, String cookie, String tag, String auth, String user, String body) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicLong sessions = new AtomicLong();
    private final Channel listener;
    private volatile long basketDelayMillis;

    ShopServer() throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    String url() {
        return "http://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String pathPrefix) {
        return seen.stream().filter(s -> s.path().startsWith(pathPrefix)).toList();
    }

    /** The session a login handed out, by cookie value, and the token it goes with. */
    Map<String, String> tokens() {
        return Map.copyOf(tokens);
    }

    void delayBasket(long millis) {
        basketDelayMillis = millis;
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String body = req.content().toString(StandardCharsets.UTF_8);
            String cookie = req.headers().get(HttpHeaderNames.COOKIE);
            String path = req.uri();
            seen.add(new Seen(
                    System.nanoTime(),
                    req.method().name(),
                    path,
                    cookie,
                    req.headers().get("X-Headroom-Run"),
                    req.headers().get(HttpHeaderNames.AUTHORIZATION),
                    req.headers().get("X-User"),
                    body));
            String sid = cookie != null && cookie.startsWith("sid=") ? cookie.substring(4) : null;
            if (path.startsWith("/login")) {
                String id = "s" + sessions.incrementAndGet();
                // A hostile answer: a token that would inject a header if it were sent as it is.
                String token = path.contains("evil") ? "tok\\r\\nX-Evil: 1" : "tok-" + id;
                tokens.put(id, token);
                FullHttpResponse r = response(HttpResponseStatus.OK, "{\"csrf\": \"" + token + "\", \"n\": 1}");
                r.headers().add(HttpHeaderNames.SET_COOKIE, "sid=" + id + "; Path=/; HttpOnly");
                r.headers().add(HttpHeaderNames.SET_COOKIE, "elsewhere=1; Path=/admin");
                ctx.writeAndFlush(r);
            } else if (path.startsWith("/basket")) {
                FullHttpResponse r = sid == null
                        ? response(HttpResponseStatus.UNAUTHORIZED, "log in first")
                        : response(HttpResponseStatus.OK, "<a href=/checkout/42>item id=42</a>");
                r.headers().add(HttpHeaderNames.LOCATION, "/checkout/42");
                ctx.executor().schedule(() -> ctx.writeAndFlush(r), basketDelayMillis, TimeUnit.MILLISECONDS);
            } else if (path.startsWith("/checkout/42")) {
                boolean ok = sid != null && body.equals(tokens.get(sid));
                ctx.writeAndFlush(
                        ok ? response(HttpResponseStatus.OK, "thanks") : response(HttpResponseStatus.FORBIDDEN, "no"));
            } else if (path.startsWith("/fail")) {
                ctx.writeAndFlush(response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "oops"));
            } else {
                ctx.writeAndFlush(response(HttpResponseStatus.OK, "home"));
            }
        }

        private FullHttpResponse response(HttpResponseStatus status, String text) {
            FullHttpResponse r = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }
    }
}
