package dev.headroom.load.engine;

import java.util.concurrent.ScheduledFuture;

/** One virtual user of the closed model: its own connection, and when its next request is due. */
final class VirtualUser {
    final int target;
    Conn conn;
    long dueNanos;
    ScheduledFuture<?> timer;

    VirtualUser(int target) {
        this.target = target;
    }
}
