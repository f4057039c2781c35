package dev.headroom.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive connection and the exchange on it (HTTP/1.1, one request at a time), or on
 * HTTP/2 one stream slot of an {@link H2Conn}: the same exchange state, with the frames read by
 * the {@code H2Conn} (this handler is then not in any pipeline). All its state is touched only by
 * its event loop; it reports to its {@link LoopWorker}.
 */
final class Conn extends ChannelInboundHandlerAdapter {
    private static final int KEPT_BODY_CHARS = 16 * 1024;

    final LoopWorker worker;
    final int target;
    Channel channel;
    int slot = -1;
    boolean connected;
    boolean closed;
    /** The virtual user this connection belongs to in the closed model; null in the open model. */
    VirtualUser user;
    /** The journey session whose step is in flight here; null for a request of the mix. */
    Session session;
    /** The response's headers, kept for a journey step (extraction and Set-Cookie). */
    io.netty.handler.codec.http.HttpHeaders headers;

    java.util.concurrent.CountDownLatch ready;

    boolean busy;
    long dueNanos;
    long sentNanos;
    int request;
    boolean head;
    ByteBuf pending;
    int status;
    boolean keepAlive;
    /** What a body check reads of the response; reused across exchanges unless a large body grew it. */
    StringBuilder body;
    /** Bytes of the body buffered so far, and the most the check may buffer (0: no body check). */
    int bodyBytes;

    int bodyLimit;
    boolean bodyOverLimit;
    Throwable failure;

    /** HTTP/2: the connection this stream slot belongs to; null on HTTP/1.1. */
    H2Conn h2;
    /** HTTP/2: the request's headers until they are written (its body waits in {@code pending}). */
    io.netty.handler.codec.http2.Http2Headers h2Headers;
    /** HTTP/2: the stream the exchange is on once sent, and its id (0 before). */
    io.netty.handler.codec.http2.Http2FrameStream stream;

    int streamId;

    Conn(LoopWorker worker, int target) {
        this.worker = worker;
        this.target = target;
    }

    /** Starts an exchange: the request waits in {@code pending} until it is written. */
    void begin(long dueNanos, int request, boolean head, ByteBuf bytes, int bodyLimit) {
        this.busy = true;
        this.dueNanos = dueNanos;
        this.sentNanos = 0;
        this.request = request;
        this.head = head;
        this.pending = bytes;
        this.status = 0;
        this.keepAlive = true;
        this.bodyLimit = bodyLimit;
        this.bodyBytes = 0;
        this.bodyOverLimit = false;
        this.session = null;
        this.headers = null;
        if (bodyLimit > 0 && body == null) {
            body = new StringBuilder(KEPT_BODY_CHARS);
        }
    }

    void signalReady() {
        if (ready != null) {
            ready.countDown();
            ready = null;
        }
    }

    void end() {
        busy = false;
        if (body != null) {
            // A small buffer is kept for the next exchange (no allocation per request); one that a
            // large body grew is given back, so idle connections do not hold the limit each.
            if (body.capacity() > KEPT_BODY_CHARS) {
                body = null;
            } else {
                body.setLength(0);
            }
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (e.isSuccess()) {
                worker.onConnected(this);
            } else {
                worker.onConnectFailed(this, e.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse r) {
                if (r.decoderResult().isFailure()) {
                    failure = r.decoderResult().cause();
                    worker.onBadResponse(this);
                    return;
                }
                status = r.status().code();
                keepAlive = HttpUtil.isKeepAlive(r);
                if (session != null) {
                    headers = r.headers();
                }
            }
            if (msg instanceof HttpContent c) {
                if (bodyLimit > 0 && !bodyOverLimit && c.content().isReadable()) {
                    buffer(c.content());
                }
                if (msg instanceof LastHttpContent) {
                    if (status >= 100 && status < 200) {
                        // An interim response (100 Continue): the real one follows.
                        status = 0;
                        return;
                    }
                    worker.onResponse(this);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Adds a chunk to the body, or past the limit drops what was kept: the rest is read and not kept. */
    void buffer(io.netty.buffer.ByteBuf chunk) {
        int n = chunk.readableBytes();
        if (n > bodyLimit - bodyBytes) {
            bodyOverLimit = true;
            body = null;
            return;
        }
        bodyBytes += n;
        body.append(chunk.toString(chunk.readerIndex(), n, StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        worker.onClosed(this);
    }

    /** Parses responses, knowing that the answer to a HEAD request has no body whatever its headers say. */
    static final class Decoder extends HttpResponseDecoder {
        private static final io.netty.handler.codec.http.HttpHeadersFactory NO_VALIDATION =
                io.netty.handler.codec.http.DefaultHttpHeadersFactory.headersFactory()
                        .withNameValidation(false)
                        .withValueValidation(false);
        private final Conn conn;

        Decoder(Conn conn) {
            // Responses are read, not forwarded: header validation would only cost time. Names and
            // values both: setValidateHeaders(false) left value validation on (6% of a loop at 40k/s).
            super(new io.netty.handler.codec.http.HttpDecoderConfig()
                    .setHeadersFactory(NO_VALIDATION)
                    .setTrailersFactory(NO_VALIDATION));
            this.conn = conn;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            return conn.head || super.isContentAlwaysEmpty(msg);
        }
    }
}
