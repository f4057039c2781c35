package dev.headroom.load.engine;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport: Linux epoll where its native library loads (its timers fire to the
 * microsecond, so arrivals leave on time), else Java NIO (timers rounded up to the millisecond,
 * which shows as up to 1 ms of generator lag).
 */
record Transport(String name, IoHandlerFactory factory, Class<? extends SocketChannel> channel) {

    static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
        }
        return nio();
    }

    static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
    }

    EventLoopGroup group(int loops) {
        return new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory("headroom-load", true), factory);
    }
}
