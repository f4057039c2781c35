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
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server the generator warms up against: HTTP/1.1 on 127.0.0.1 at a port the system picks,
 * on a thread of its own. It answers every request as a small JSON API would (200, keep-alive, the
 * usual headers, a cookie, a short JSON body), so the generator's whole path runs: writing,
 * parsing, body checks, extraction and the cookie jar. It counts the requests it answered.
 */
final class WarmupServer implements AutoCloseable {
    private static final byte[] BODY =
            "{\"token\":\"warmup\",\"id\":1,\"ok\":true}".getBytes(StandardCharsets.US_ASCII);
    /** The headers a web server or an API usually sends, so the generator parses as many as it will. */
    private static final String HEAD = "HTTP/1.1 200 OK\r\n"
            + "Server: headroom-warmup\r\n"
            + "Date: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + BODY.length + "\r\n"
            + "Connection: keep-alive\r\n"
            + "Set-Cookie: headroom-warmup=1; Path=/\r\n"
            + "Cache-Control: no-store\r\n"
            + "ETag: \"w1\"\r\n\r\n";
    // One direct buffer each, of the kind the generator's own constant requests are, so that Netty's
    // write path is compiled for the buffers the run will write (a composite buffer here would not be).
    private static final ByteBuf RESPONSE = constant(HEAD.getBytes(StandardCharsets.US_ASCII), BODY);
    /** The answer to a HEAD request: the same head, no body (RFC 9110 section 9.3.2). */
    private static final ByteBuf HEAD_RESPONSE = constant(HEAD.getBytes(StandardCharsets.US_ASCII));

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
                            ch.pipeline().addLast(new Answer(answered));
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

    private static ByteBuf constant(byte[]... parts) {
        ByteBuf b = Unpooled.directBuffer();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return Unpooled.unreleasableBuffer(b);
    }

    /**
     * Reads requests as bytes and answers each once its head and its body ({@code Content-Length},
     * as the generator sends them) are in. It does not use Netty's HTTP decoder: the generator's
     * response decoder shares its code, which would then be compiled for requests as well.
     */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private final AtomicLong answered;
        private final byte[] line = new byte[64];
        private int lineLength;
        private boolean firstLine = true;
        private boolean head;
        private long contentLength;
        private long bodyLeft = -1;

        Answer(AtomicLong answered) {
            this.answered = answered;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ByteBuf in) {
                    read(ctx, in);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void read(ChannelHandlerContext ctx, ByteBuf in) {
            while (in.isReadable()) {
                if (bodyLeft >= 0) {
                    int skip = (int) Math.min(bodyLeft, in.readableBytes());
                    in.skipBytes(skip);
                    bodyLeft -= skip;
                    if (bodyLeft == 0) {
                        answer(ctx);
                    }
                    continue;
                }
                byte b = in.readByte();
                if (b != '\n') {
                    if (b != '\r' && lineLength < line.length) {
                        line[lineLength++] = b;
                    }
                    continue;
                }
                if (lineLength == 0 && !firstLine) {
                    bodyLeft = contentLength;
                    if (bodyLeft == 0) {
                        answer(ctx);
                    }
                } else if (firstLine) {
                    head = lineLength >= 5 && line[0] == 'H' && line[1] == 'E' && line[2] == 'A' && line[3] == 'D';
                    firstLine = false;
                } else if (startsWithIgnoringCase(CONTENT_LENGTH)) {
                    contentLength = digits(CONTENT_LENGTH.length);
                }
                lineLength = 0;
            }
        }

        private boolean startsWithIgnoringCase(byte[] prefix) {
            if (lineLength < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (Character.toLowerCase(line[i]) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private long digits(int from) {
            long v = 0;
            for (int i = from; i < lineLength; i++) {
                if (line[i] >= '0' && line[i] <= '9') {
                    v = v * 10 + (line[i] - '0');
                }
            }
            return v;
        }

        private void answer(ChannelHandlerContext ctx) {
            answered.incrementAndGet();
            ctx.writeAndFlush((head ? HEAD_RESPONSE : RESPONSE).duplicate(), ctx.voidPromise());
            firstLine = true;
            head = false;
            contentLength = 0;
            bodyLeft = -1;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
