package dev.headroom.model.architecture;

import dev.headroom.model.workload.Distribution;

/**
 * Work handed from the request path to a pool of {@code workers} that do it later: the
 * decoupling of story 2. With {@code kind: broker} (SQS, RabbitMQ) a request publishes its job in
 * {@code publishLatency} and the database never sees the queue. With {@code kind: table} the queue
 * is a database table: the request inserts a row (an AUTO_INCREMENT insert on the primary) and each
 * worker claims the row and deletes it, two more writes.
 */
public record MessageQueue(Kind kind, int workers, Distribution publishLatency) {
    public enum Kind {
        BROKER,
        TABLE
    }
}
