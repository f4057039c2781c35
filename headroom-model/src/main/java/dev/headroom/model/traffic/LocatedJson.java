package dev.headroom.model.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into a small tree whose every value knows its line and column, so that a bad value
 * deep in a Prometheus response is reported where it is. (Jackson's own tree drops locations.)
 */
sealed interface LocatedJson {
    int line();

    int column();

    /** A value's kind in words, for "must be an object, not a list". */
    String kind();

    record Obj(Map<String, LocatedJson> fields, int line, int column) implements LocatedJson {
        @Override
        public String kind() {
            return "an object";
        }
    }

    record Arr(List<LocatedJson> items, int line, int column) implements LocatedJson {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A string, number, boolean or null; {@code text} is as written (a string without its quotes). */
    record Scalar(String text, boolean string, int line, int column) implements LocatedJson {
        @Override
        public String kind() {
            return string ? "a string" : "the value " + text;
        }
    }

    /** A JSON document that does not parse: the reason and where. */
    final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        SyntaxException(String reason, int line, int column) {
            super(reason);
            this.line = line;
            this.column = column;
        }
    }

    static LocatedJson parse(String text) throws SyntaxException {
        try (JsonParser p = new JsonFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SyntaxException("the file is empty", 1, 1);
            }
            LocatedJson root = value(p);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new SyntaxException(
                        "more follows the end of the JSON document", at.getLineNr(), at.getColumnNr());
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = e.getOriginalMessage() == null ? "not JSON" : e.getOriginalMessage();
            int cut = reason.indexOf('\n');
            return fail(cut < 0 ? reason : reason.substring(0, cut), at);
        } catch (IOException e) {
            throw new SyntaxException("cannot be read as JSON", 1, 1);
        }
    }

    private static LocatedJson fail(String reason, JsonLocation at) throws SyntaxException {
        int line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
        int column = at == null || at.getColumnNr() < 1 ? 1 : at.getColumnNr();
        throw new SyntaxException("not valid JSON: " + reason, line, column);
    }

    private static LocatedJson value(JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, LocatedJson> fields = new LinkedHashMap<>();
            for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                if (n != JsonToken.FIELD_NAME) {
                    throw new JsonParseException(p, "the object is not closed");
                }
                String name = p.currentName();
                p.nextToken();
                fields.putIfAbsent(name, value(p));
            }
            return new Obj(fields, line, column);
        }
        if (t == JsonToken.START_ARRAY) {
            List<LocatedJson> items = new ArrayList<>();
            for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                if (n == null) {
                    throw new JsonParseException(p, "the list is not closed");
                }
                items.add(value(p));
            }
            return new Arr(items, line, column);
        }
        return new Scalar(p.getText(), t == JsonToken.VALUE_STRING, line, column);
    }
}
