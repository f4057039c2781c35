package dev.headroom.load.stats;

/**
 * Why a request failed, as counted in the run. HTTP statuses outside 200-399 (without a status
 * check) are counted separately as {@code http-<code>}.
 */
public enum ErrorKind {
    /** The target refused the connection (nothing listening, or its backlog full). */
    CONNECT_REFUSED("connect-refused"),
    /** The connection was not established within {@code client.connectTimeout}. */
    CONNECT_TIMEOUT("connect-timeout"),
    /** Any other failure to connect (unreachable network, TLS handshake). */
    CONNECT_ERROR("connect-error"),
    /** The target closed the connection before the response was complete. */
    CONNECTION_CLOSED("connection-closed"),
    /** The connection was reset by the peer. */
    CONNECTION_RESET("connection-reset"),
    /** HTTP/2: the server reset the request's stream (RST_STREAM) before its response was complete. */
    STREAM_RESET("stream-reset"),
    /**
     * HTTP/2: the server sent GOAWAY with a last stream id below this request's stream (it will
     * not process it), or before the request could be sent on that connection.
     */
    GOAWAY("goaway"),
    /** HTTP/2 over TLS: the server did not agree to h2 by ALPN (it speaks HTTP/1.1 only). */
    H2_NOT_NEGOTIATED("h2-not-negotiated"),
    /** No complete response within {@code client.requestTimeout} of the send. */
    TIMEOUT("timeout"),
    /** The response was not valid HTTP/1.1 (or, on HTTP/2, had no valid {@code :status}). */
    BAD_RESPONSE("bad-response"),
    /** The status was outside the request's {@code check.status} set. */
    CHECK_STATUS("check-status"),
    /** The body lacked {@code check.bodyContains} or did not match {@code check.bodyMatches}. */
    CHECK_BODY("check-body"),
    /**
     * A body check's response was longer than {@code client.bodyLimit}: it was read to its end but
     * not buffered, and not checked.
     */
    BODY_TOO_LARGE("body-too-large"),
    /** A unique CSV feeder had no row left; the request was not sent. */
    FEEDER_EXHAUSTED("feeder-exhausted"),
    /**
     * A feeder's value would have put CR or LF into a header, or a space or control character into
     * the request line (request smuggling); the request was not sent.
     */
    UNSAFE_VALUE("unsafe-value"),
    /** Over {@code client.maxInFlight} with {@code client.overLimit: fail}; the request was not sent. */
    IN_FLIGHT_LIMIT("in-flight-limit"),
    /** A journey step's response lacked a value its {@code extract:} looks for. */
    JOURNEY_EXTRACT("journey-extract"),
    /** Still in flight when the grace period after the last arrival ran out. */
    UNFINISHED("unfinished");

    private final String key;

    ErrorKind(String key) {
        this.key = key;
    }

    /** The name used in the run's error counts. */
    public String key() {
        return key;
    }
}
