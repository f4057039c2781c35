package dev.headroom.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses an {@code application/x-www-form-urlencoded} body ({@code customer=c-1&x=2}), as a browser's form sends it. */
final class FormBody {
    private FormBody() {}

    /**
     * The fields, in order; a name given twice keeps its first value, a field without {@code =} has
     * the empty value.
     *
     * @throws IllegalArgumentException a malformed percent escape, with the field it is in
     */
    static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String field : body.split("&", -1)) {
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            String name = decode(eq < 0 ? field : field.substring(0, eq), field);
            String value = eq < 0 ? "" : decode(field.substring(eq + 1), field);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s, String field) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the form field '" + field
                    + "' has a malformed % escape (write %XX with two hex digits, e.g. %20)");
        }
    }
}
