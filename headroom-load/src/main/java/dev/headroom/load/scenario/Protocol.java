package dev.headroom.load.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP version the client speaks: HTTP/1.1 (one exchange at a time on each connection), or
 * HTTP/2 with many streams on each connection, over TLS agreed by ALPN ({@code h2}, for https
 * targets) or cleartext with prior knowledge ({@code h2c}, RFC 9113 section 3.3, for http targets).
 */
public enum Protocol {
    HTTP_1_1("http/1.1", null),
    H2("h2", "https"),
    H2C("h2c", "http");

    private final String key;
    private final String scheme;

    Protocol(String key, String scheme) {
        this.key = key;
        this.scheme = scheme;
    }

    /** The name a scenario writes in {@code client.protocol}. */
    public String key() {
        return key;
    }

    /** True for HTTP/2: streams share connections. */
    public boolean multiplexed() {
        return this != HTTP_1_1;
    }

    /** Whether a target with this URL scheme can be reached with this protocol. */
    public boolean fits(String targetScheme) {
        return scheme == null || scheme.equalsIgnoreCase(targetScheme);
    }

    /** The scheme this protocol needs ({@code https} for h2, {@code http} for h2c), or null for any. */
    public String scheme() {
        return scheme;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Protocol::key).toList();
    }

    public static Protocol of(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Protocol p : values()) {
            if (p.key.equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
