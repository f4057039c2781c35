package dev.headroom.load.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.load.scenario.Journey;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.regex.Matcher;

/** Takes a journey step's variables from its response; a variable not found leaves the step failed. */
final class Extraction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Extraction() {}

    /**
     * Fills {@code into} (slots in the order of {@code variables}) from one response and returns
     * whether every variable was found.
     */
    static boolean run(
            Map<String, Journey.Extract> extract,
            java.util.List<String> variables,
            String[] into,
            int status,
            HttpHeaders headers,
            CharSequence body) {
        boolean all = true;
        JsonNode json = null;
        boolean jsonRead = false;
        for (Map.Entry<String, Journey.Extract> e : extract.entrySet()) {
            String value = null;
            Journey.Extract x = e.getValue();
            if (x instanceof Journey.Extract.Status) {
                value = Integer.toString(status);
            } else if (x instanceof Journey.Extract.Header h) {
                value = headers == null ? null : headers.get(h.name());
            } else if (x instanceof Journey.Extract.Regex r) {
                Matcher m = r.pattern().matcher(body == null ? "" : body);
                value = m.find() ? m.group(1) : null;
            } else if (x instanceof Journey.Extract.Json j) {
                if (!jsonRead) {
                    json = parse(body);
                    jsonRead = true;
                }
                value = json == null ? null : scalar(json.at(j.pointer()));
            }
            if (value == null) {
                all = false;
            } else {
                into[variables.indexOf(e.getKey())] = value;
            }
        }
        return all;
    }

    private static JsonNode parse(CharSequence body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(body.toString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A string, number or boolean as its text; an object, array, null or nothing is no value. */
    private static String scalar(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isContainerNode()) {
            return null;
        }
        return n.asText();
    }
}
