package dev.headroom.load.engine;

import dev.headroom.load.template.Draw;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Runs the HTTP/2 client codec through whole exchanges in memory (a client and a server codec on
 * two embedded channels, the bytes passed between them), so the first due requests of an h2 run
 * are not decoded by the interpreter: without it the first seconds of a run showed hundreds of
 * ms of service time and all stream slots taken, which the run would have blamed on the target.
 */
final class H2Warmup {
    private H2Warmup() {}

    static void run(RunPlan plan, Draw draw, int rounds) {
        Client client = new Client();
        EmbeddedChannel c = new EmbeddedChannel(H2Pool.codec(), client);
        EmbeddedChannel s =
                new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build(), new Server());
        try {
            shuttle(c, s);
            for (int i = 0; i < rounds; i++) {
                for (int r = 0; r < plan.classes().size(); r++) {
                    draw.next();
                    RequestWriter.H2Request request = plan.writer(r, 0).h2(c.alloc(), draw, null);
                    if (request != null) {
                        client.send(request);
                        shuttle(c, s);
                    }
                }
            }
        } finally {
            c.finishAndReleaseAll();
            s.finishAndReleaseAll();
        }
    }

    private static void shuttle(EmbeddedChannel client, EmbeddedChannel server) {
        boolean moved = true;
        while (moved) {
            moved = false;
            Object m;
            while ((m = client.readOutbound()) != null) {
                server.writeInbound(m);
                moved = true;
            }
            while ((m = server.readOutbound()) != null) {
                client.writeInbound(m);
                moved = true;
            }
        }
    }

    /** What {@link H2Conn} does with the frames: writes a request, reads the status and the body. */
    private static final class Client extends Http2ChannelDuplexHandler {
        private ChannelHandlerContext ctx;
        int status;

        @Override
        protected void handlerAdded0(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void send(RequestWriter.H2Request request) {
            Http2FrameStream stream = newStream();
            boolean hasBody = request.body().isReadable();
            ctx.write(new DefaultHttp2HeadersFrame(request.headers(), !hasBody).stream(stream), ctx.voidPromise());
            if (hasBody) {
                ctx.write(new DefaultHttp2DataFrame(request.body(), true).stream(stream), ctx.voidPromise());
            } else {
                request.body().release();
            }
            ctx.flush();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame f && f.headers().status() != null) {
                    status = AsciiString.of(f.headers().status()).parseInt();
                } else if (msg instanceof Http2DataFrame f && f.initialFlowControlledBytes() > 0) {
                    f.content().toString(StandardCharsets.UTF_8);
                    ctx.write(
                            new DefaultHttp2WindowUpdateFrame(f.initialFlowControlledBytes()).stream(f.stream()),
                            ctx.voidPromise());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** Answers every request with 200 and a short body. */
    private static final class Server extends Http2ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame f && f.isEndStream()) {
                    answer(ctx, f.stream());
                } else if (msg instanceof Http2DataFrame f) {
                    if (f.initialFlowControlledBytes() > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(f.initialFlowControlledBytes()).stream(f.stream()));
                    }
                    if (f.isEndStream()) {
                        answer(ctx, f.stream());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static void answer(ChannelHandlerContext ctx, Http2FrameStream stream) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")).stream(stream));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(
                            ctx.alloc().buffer(2).writeByte('o').writeByte('k'), true)
                    .stream(stream));
        }
    }
}
