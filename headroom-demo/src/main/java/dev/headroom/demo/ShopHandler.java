package dev.headroom.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's routes. Requests carrying the run tag header create rows marked with the tag; the
 * tag is never trusted for anything else.
 *
 * <pre>
 * GET    /menu                  the menu                         endpoint="menu"
 * GET    /items/{id}            one item                         endpoint="item"
 * POST   /orders                place an order (JSON body)       endpoint="order"
 * GET    /orders/{id}           an order's status                endpoint="order_status"
 * GET    /internal/report       sales per item over all orders   endpoint="report"
 * DELETE /internal/runs/{run}   delete one load-test run's rows  endpoint="cleanup"
 * GET    /health                liveness                         endpoint="health"
 * POST   /login, /basket/items, /checkout; GET /basket: a session's journey (see {@link SessionRoutes})
 * GET    /metrics               Prometheus text format 0.0.4 (not counted)
 * </pre>
 */
final class ShopHandler implements HttpHandler {
    private static final Pattern ITEM = Pattern.compile("/items/(\\d{1,9})");
    private static final Pattern ORDER = Pattern.compile("/orders/(\\d{1,18})");
    private static final Pattern RUN = Pattern.compile("/internal/runs/([^/]{1,128})");
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_LINES = 50;

    private final ShopDatabase db;
    private final ShopMetrics metrics;
    private final ShopConfig config;
    private final Sessions sessions;
    private final SessionRoutes journey;
    private final ObjectMapper json = new ObjectMapper();

    ShopHandler(ShopDatabase db, ShopMetrics metrics, ShopConfig config, Sessions sessions) {
        this.db = db;
        this.metrics = metrics;
        this.config = config;
        this.sessions = sessions;
        this.journey = new SessionRoutes(sessions, db, config.tagHeader());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (method.equals("GET") && path.equals("/metrics")) {
                drain(exchange);
                send(
                        exchange,
                        new Reply(
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                metrics.render(db.poolBean(), config.workerThreads(), sessions)));
                return;
            }
            long start = System.nanoTime();
            metrics.started();
            String endpoint = "not_found";
            try {
                endpoint = endpoint(method, path);
                send(exchange, route(endpoint, exchange, path));
            } finally {
                metrics.finished(endpoint, System.nanoTime() - start);
            }
        }
    }

    private static String endpoint(String method, String path) {
        return switch (method) {
            case "GET" -> path.equals("/menu")
                    ? "menu"
                    : ITEM.matcher(path).matches()
                            ? "item"
                            : ORDER.matcher(path).matches()
                                    ? "order_status"
                                    : path.equals("/internal/report")
                                            ? "report"
                                            : path.equals("/health")
                                                    ? "health"
                                                    : path.equals("/basket") ? "basket" : "not_found";
            case "POST" -> switch (path) {
                case "/orders" -> "order";
                case "/login" -> "login";
                case "/basket/items" -> "basket_add";
                case "/checkout" -> "checkout";
                default -> "not_found";
            };
            case "DELETE" -> RUN.matcher(path).matches() ? "cleanup" : "not_found";
            default -> "not_found";
        };
    }

    private Reply route(String endpoint, HttpExchange exchange, String path) throws IOException {
        byte[] body = readBody(exchange);
        if (body == null) {
            return Reply.error(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        try {
            return switch (endpoint) {
                case "menu" -> menu();
                case "item" -> item(Integer.parseInt(group(ITEM, path)));
                case "order" -> order(body, exchange.getRequestHeaders().getFirst(config.tagHeader()));
                case "order_status" -> status(Long.parseLong(group(ORDER, path)));
                case "report" -> report();
                case "cleanup" -> cleanup(java.net.URLDecoder.decode(group(RUN, path), StandardCharsets.UTF_8));
                case "health" -> Reply.json(200, "{\"status\":\"ok\"}");
                case "login" -> journey.login(exchange.getRequestHeaders(), body);
                case "basket_add" -> journey.addToBasket(exchange.getRequestHeaders(), body);
                case "basket" -> journey.basket(exchange.getRequestHeaders());
                case "checkout" -> journey.checkout(exchange.getRequestHeaders());
                default -> Reply.error(404, "no such page: " + path);
            };
        } catch (SQLTransientConnectionException e) {
            return Reply.error(
                    503,
                    "no database connection free within " + config.poolTimeout().toMillis() + "ms");
        } catch (SQLException e) {
            return Reply.error(500, "database error: " + e.getMessage());
        }
    }

    private Reply menu() throws SQLException {
        StringBuilder out = new StringBuilder("{\"items\":[");
        List<Object[]> rows = db.menu();
        for (int i = 0; i < rows.size(); i++) {
            out.append(i == 0 ? "" : ",").append(item(rows.get(i)));
        }
        return Reply.json(200, out.append("]}").toString());
    }

    private Reply item(int id) throws SQLException {
        return db.item(id).map(r -> Reply.json(200, item(r))).orElseGet(() -> Reply.error(404, "no item " + id));
    }

    private static String item(Object[] r) {
        return "{\"id\":" + r[0] + ",\"name\":" + quote((String) r[1]) + ",\"price_cents\":" + r[2] + "}";
    }

    /** Body: {"customer": "c-17", "lines": [{"item": 3, "quantity": 2}]}. */
    private Reply order(byte[] body, String runTag) throws SQLException {
        if (runTag != null && (runTag.isBlank() || runTag.length() > ShopDatabase.RUN_ID_LENGTH)) {
            return Reply.error(400, "the run tag must be 1 to " + ShopDatabase.RUN_ID_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return Reply.error(
                    400,
                    "the body is not JSON: write {\"customer\": \"c-1\", \"lines\": [{\"item\": 3,"
                            + " \"quantity\": 2}]}");
        }
        if (root == null || !root.path("lines").isArray() || root.path("lines").isEmpty()) {
            return Reply.error(400, "an order needs lines: [{\"item\": 3, \"quantity\": 2}]");
        }
        String customer = root.path("customer").asText("guest");
        if (customer.isEmpty() || customer.length() > 64) {
            return Reply.error(400, "customer must be 1 to 64 characters");
        }
        List<ShopDatabase.Line> lines = new ArrayList<>();
        for (JsonNode l : root.path("lines")) {
            int item = l.path("item").asInt(-1);
            int quantity = l.path("quantity").asInt(1);
            if (item < 1 || quantity < 1 || quantity > 100 || lines.size() >= MAX_LINES) {
                return Reply.error(
                        400,
                        "each line needs an item id >= 1 and a quantity of 1 to 100 (at most " + MAX_LINES + " lines)");
            }
            lines.add(new ShopDatabase.Line(item, quantity));
        }
        Optional<ShopDatabase.Placed> placed = db.placeOrder(customer, lines, runTag);
        return placed.map(p -> Reply.json(
                        201, "{\"id\":" + p.id() + ",\"status\":\"placed\",\"total_cents\":" + p.totalCents() + "}"))
                .orElseGet(() -> Reply.error(422, "an item of the order is not on the menu"));
    }

    private Reply status(long id) throws SQLException {
        return db.order(id)
                .map(o -> Reply.json(
                        200,
                        "{\"id\":" + o.id() + ",\"status\":" + quote(o.status()) + ",\"total_cents\":" + o.totalCents()
                                + ",\"lines\":" + o.lines() + "}"))
                .orElseGet(() -> Reply.error(404, "no order " + id));
    }

    private Reply report() throws SQLException {
        StringBuilder out = new StringBuilder("{\"items\":[");
        List<Object[]> rows = db.report();
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(r[0])
                    .append(",\"name\":")
                    .append(quote((String) r[1]))
                    .append(",\"orders\":")
                    .append(r[2])
                    .append(",\"quantity\":")
                    .append(r[3])
                    .append(",\"revenue_cents\":")
                    .append(r[4])
                    .append('}');
        }
        return Reply.json(200, out.append("]}").toString());
    }

    private Reply cleanup(String runId) throws SQLException {
        long[] deleted = db.deleteRun(runId);
        return Reply.json(
                200, "{\"run\":" + quote(runId) + ",\"order_lines\":" + deleted[0] + ",\"orders\":" + deleted[1] + "}");
    }

    private static String group(Pattern p, String path) {
        Matcher m = p.matcher(path);
        if (!m.matches()) {
            throw new IllegalStateException(path);
        }
        return m.group(1);
    }

    /** The request body, or null when it is too large. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        for (var h : reply.headers()) {
            exchange.getResponseHeaders().add(h.getKey(), h.getValue());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.US, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
