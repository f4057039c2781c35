package dev.headroom.demo;

import java.util.List;
import java.util.Map;

/** What a route answers: a status, a body and any headers beyond Content-Type. */
record Reply(int status, String contentType, String body, List<Map.Entry<String, String>> headers) {
    Reply(int status, String contentType, String body) {
        this(status, contentType, body, List.of());
    }

    static Reply json(int status, String body) {
        return new Reply(status, "application/json", body);
    }

    static Reply error(int status, String message) {
        return json(status, "{\"error\":" + ShopHandler.quote(message) + "}");
    }

    Reply withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Reply(status, contentType, body, List.copyOf(more));
    }
}
