package dev.headroom.load.engine;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport: Linux epoll where its native library loads (its timers fire to the
 * microsecond, so arrivals leave on time), else Java NIO (timers rounded up to the millisecond,
 * which shows as up to 1 ms of generator lag). The server channel is the warm-up server's.
 */
record Transport(
        String name,
        IoHandlerFactory factory,
        Class<? extends SocketChannel> channel,
        Class<? extends ServerSocketChannel> serverChannel) {

    static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport(
                    "epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class, EpollServerSocketChannel.class);
        }
        return nio();
    }

    static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class);
    }

    EventLoopGroup group(int loops) {
        return group(loops, "headroom-load");
    }

    EventLoopGroup group(int loops, String threadName) {
        return new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory(threadName, true), factory);
    }
}
