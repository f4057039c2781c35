package dev.headroom.demo;

import java.util.List;
import java.util.Optional;

/** Reads a cookie from the request's {@code Cookie} headers (RFC 6265 section 4.2.1: {@code a=1; b=2}). */
final class Cookies {
    private Cookies() {}

    /**
     * The value of the first cookie named {@code name} in any of the headers, without the optional
     * double quotes around it; empty when no header holds it.
     */
    static Optional<String> value(List<String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String v = pair.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }
}
