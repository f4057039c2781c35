package dev.headroom.load.engine;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server the generator warms up against: HTTP/1.1 on 127.0.0.1 at a port the system picks,
 * on a thread of its own. It answers every request as a small JSON API would (200, keep-alive, a
 * cookie, a short JSON body), so the generator's whole path runs: writing, parsing, body checks,
 * extraction and the cookie jar. It counts the requests it answered.
 */
final class WarmupServer implements AutoCloseable {
    private static final byte[] BODY =
            "{\"token\":\"warmup\",\"id\":1,\"ok\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Set-Cookie: headroom-warmup=1; Path=/\r\n"
                    + "Content-Length: " + BODY.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf RESPONSE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(HEAD, BODY));
    /** The answer to a HEAD request: the same head, no body (RFC 9110 section 9.3.2). */
    private static final ByteBuf HEAD_RESPONSE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(HEAD));

    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicLong answered;

    private WarmupServer(EventLoopGroup group, Channel listener, AtomicLong answered) {
        this.group = group;
        this.listener = listener;
        this.answered = answered;
    }

    static WarmupServer start(Transport transport) throws InterruptedException {
        EventLoopGroup group = transport.group(1, "headroom-warmup-server");
        AtomicLong answered = new AtomicLong();
        try {
            Channel listener = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpRequestDecoder(), new Answer(answered));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .sync()
                    .channel();
            return new WarmupServer(group, listener, answered);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The requests answered so far. */
    long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** One answer per request, written when its last part has arrived. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private final AtomicLong answered;
        private boolean head;

        Answer(AtomicLong answered) {
            this.answered = answered;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest r) {
                    head = r.method().equals(HttpMethod.HEAD);
                }
                if (msg instanceof LastHttpContent) {
                    answered.incrementAndGet();
                    ctx.writeAndFlush((head ? HEAD_RESPONSE : RESPONSE).duplicate(), ctx.voidPromise());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
