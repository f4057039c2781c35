package dev.headroom.sim;

/** Why a request failed, as counted in the summary and timeline. */
enum ErrorKind {
    /** The client gave up waiting (its timeout passed). */
    TIMEOUT("timeout"),
    /** Every backend was at its limit and the balancer's surge queue was full: a 503 (ELB spillover). */
    SPILLOVER("spillover"),
    /** The instance's workers were all busy and its accept queue full: connection refused. */
    ACCEPT_QUEUE_FULL("accept-queue-full"),
    /** The web instance's connection pool had no free connection within its wait timeout. */
    DB_POOL_TIMEOUT("db-pool-timeout"),
    /** A connection pool could not open a connection: the database was at max_connections. */
    TOO_MANY_CONNECTIONS("too-many-connections"),
    /** The instance died with the request on it, or the balancer sent it to a dead instance not yet taken out (a 502). */
    BACKEND_FAILED("backend-failed"),
    /** The balancer DNS sent the client to was down: connection refused. */
    LB_FAILED("lb-failed"),
    /** The database node the query needed was down (failing over, or lost with no replica). */
    DB_UNAVAILABLE("db-unavailable");

    final String label;

    ErrorKind(String label) {
        this.label = label;
    }
}
