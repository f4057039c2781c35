package dev.headroom.load.engine;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * On TLS, waits for the handshake: the HTTP/2 codec and this connection join the pipeline only
 * once ALPN chose h2, so a server that did not gets no HTTP/2 preface.
 */
final class H2Alpn extends ChannelInboundHandlerAdapter {
    private final H2Conn h;
    private final ChannelHandler codec;

    H2Alpn(H2Conn h, ChannelHandler codec) {
        this.h = h;
        this.codec = codec;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (!e.isSuccess()) {
                h.pool.connectFailed(h, e.cause());
            } else if (!ApplicationProtocolNames.HTTP_2.equals(
                    ctx.pipeline().get(SslHandler.class).applicationProtocol())) {
                h.pool.connectFailed(h, new NotNegotiatedException());
            } else {
                ctx.pipeline().addLast(codec, h);
                ctx.pipeline().remove(this);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake: its completion event fails the connection's requests as connect errors.
        h.failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        h.signalReady();
        h.pool.closed(h);
        ctx.fireChannelInactive();
    }

    /** The TLS server picked HTTP/1.1 (or nothing) by ALPN. */
    static final class NotNegotiatedException extends Exception {
        private static final long serialVersionUID = 1L;

        NotNegotiatedException() {
            super("the server did not agree to h2 by ALPN");
        }
    }
}
