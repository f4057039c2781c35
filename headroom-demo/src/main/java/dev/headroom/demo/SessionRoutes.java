package dev.headroom.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of a shopping journey: login (a session cookie), a basket kept in the session, and a
 * checkout that needs the session's CSRF token, read from {@code GET /basket}.
 *
 * <pre>
 * POST /login          {"customer": "c-1"} or customer=c-1 -> Set-Cookie shop_session   endpoint="login"
 * POST /basket/items   {"item": 3, "quantity": 2} or item=3&amp;quantity=2 (cookie)       endpoint="basket_add"
 * GET  /basket         the basket and the csrf token (cookie)                        endpoint="basket"
 * POST /checkout       header X-CSRF-Token (cookie): orders the basket               endpoint="checkout"
 * </pre>
 */
final class SessionRoutes {
    static final String COOKIE = "shop_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_CUSTOMER = 64;

    private final Sessions sessions;
    private final ShopDatabase db;
    private final String tagHeader;
    private final ObjectMapper json = new ObjectMapper();

    SessionRoutes(Sessions sessions, ShopDatabase db, String tagHeader) {
        this.sessions = sessions;
        this.db = db;
        this.tagHeader = tagHeader;
    }

    /** The request's fields, from a form or a JSON object; empty with the reason when neither. */
    private record Fields(Map<String, String> values, Optional<Reply> problem) {
        static Fields bad(String message) {
            return new Fields(Map.of(), Optional.of(Reply.error(400, message)));
        }
    }

    Reply login(Headers headers, byte[] body) {
        Fields f = fields(headers, body, "{\"customer\": \"c-1\"} or customer=c-1");
        if (f.problem().isPresent()) {
            return f.problem().get();
        }
        String customer = f.values().getOrDefault("customer", "");
        if (customer.isBlank()
                || customer.length() > MAX_CUSTOMER
                || customer.chars().anyMatch(c -> c < 0x20)) {
            return Reply.error(
                    400,
                    "a login needs a customer name of 1 to " + MAX_CUSTOMER
                            + " printable characters, e.g. {\"customer\": \"c-1\"} or customer=c-1");
        }
        Session s = sessions.create(customer);
        long seconds = sessions.policy().ttl().toSeconds();
        return Reply.json(
                        200,
                        "{\"customer\":" + ShopHandler.quote(customer) + ",\"expires_in_seconds\":" + seconds + "}")
                .withHeader(
                        "Set-Cookie",
                        COOKIE + "=" + s.id() + "; Path=/; Max-Age=" + seconds + "; HttpOnly; SameSite=Lax");
    }

    Reply addToBasket(Headers headers, byte[] body) throws SQLException {
        Optional<Session> session = session(headers);
        if (session.isEmpty()) {
            return noSession();
        }
        Fields f = fields(headers, body, "{\"item\": 3, \"quantity\": 2} or item=3&quantity=2");
        if (f.problem().isPresent()) {
            return f.problem().get();
        }
        SessionPolicy policy = sessions.policy();
        int item = number(f.values().get("item"), -1);
        int quantity = number(f.values().getOrDefault("quantity", "1"), -1);
        if (item < 1 || quantity < 1 || quantity > policy.maxQuantity()) {
            return Reply.error(
                    400,
                    "a basket item needs an item id >= 1 and a quantity of 1 to " + policy.maxQuantity() + ", was item="
                            + f.values().get("item") + " quantity=" + f.values().get("quantity")
                            + ": e.g. {\"item\": 3, \"quantity\": 2}");
        }
        Optional<Object[]> onMenu = db.item(item);
        if (onMenu.isEmpty()) {
            return Reply.error(422, "item " + item + " is not on the menu (GET /menu lists it)");
        }
        Object[] r = onMenu.get();
        Optional<String> full =
                session.get().add(new Session.BasketLine(item, (String) r[1], (Integer) r[2], quantity), policy);
        return full.map(m -> Reply.error(422, m)).orElseGet(() -> Reply.json(200, basketJson(session.get(), false)));
    }

    Reply basket(Headers headers) {
        Optional<Session> session = session(headers);
        if (session.isEmpty()) {
            return noSession();
        }
        return Reply.json(200, basketJson(session.get(), true))
                .withHeader(CSRF_HEADER, session.get().csrf());
    }

    Reply checkout(Headers headers) throws SQLException {
        Optional<Session> found = session(headers);
        if (found.isEmpty()) {
            return noSession();
        }
        Session session = found.get();
        String token = headers.getFirst(CSRF_HEADER);
        if (token == null || token.isEmpty()) {
            return Reply.error(403, "a checkout needs the header " + CSRF_HEADER + ": the csrf value of GET /basket");
        }
        if (!session.csrfMatches(token)) {
            return Reply.error(
                    403, "the " + CSRF_HEADER + " is not this session's token: read it again from GET /basket");
        }
        String runTag = headers.getFirst(tagHeader);
        if (runTag != null && (runTag.isBlank() || runTag.length() > ShopDatabase.RUN_ID_LENGTH)) {
            return Reply.error(400, "the run tag must be 1 to " + ShopDatabase.RUN_ID_LENGTH + " characters");
        }
        List<Session.BasketLine> lines = session.take();
        if (lines.isEmpty()) {
            return Reply.error(409, "the basket is empty: add items with POST /basket/items first");
        }
        Optional<ShopDatabase.Placed> placed;
        try {
            List<ShopDatabase.Line> order = new ArrayList<>();
            for (Session.BasketLine l : lines) {
                order.add(new ShopDatabase.Line(l.item(), l.quantity()));
            }
            placed = db.placeOrder(session.customer(), order, runTag);
        } catch (SQLException | RuntimeException e) {
            session.restore(lines);
            throw e;
        }
        if (placed.isEmpty()) {
            session.restore(lines);
            return Reply.error(422, "an item of the basket is no longer on the menu");
        }
        ShopDatabase.Placed p = placed.get();
        return Reply.json(201, "{\"id\":" + p.id() + ",\"status\":\"placed\",\"total_cents\":" + p.totalCents() + "}");
    }

    private Optional<Session> session(Headers headers) {
        return Cookies.value(headers.get("Cookie"), COOKIE).flatMap(sessions::find);
    }

    private Reply noSession() {
        return Reply.error(
                401,
                "no session, or it has expired (a login lasts "
                        + sessions.policy().ttl().toSeconds() + "s): log in with POST /login and send the " + COOKIE
                        + " cookie it sets");
    }

    private static String basketJson(Session session, boolean withCsrf) {
        StringBuilder out = new StringBuilder("{\"customer\":")
                .append(ShopHandler.quote(session.customer()))
                .append(",\"lines\":[");
        long total = 0;
        List<Session.BasketLine> lines = session.lines();
        for (int i = 0; i < lines.size(); i++) {
            Session.BasketLine l = lines.get(i);
            total += (long) l.priceCents() * l.quantity();
            out.append(i == 0 ? "" : ",")
                    .append("{\"item\":")
                    .append(l.item())
                    .append(",\"name\":")
                    .append(ShopHandler.quote(l.name()))
                    .append(",\"quantity\":")
                    .append(l.quantity())
                    .append(",\"price_cents\":")
                    .append(l.priceCents())
                    .append('}');
        }
        out.append("],\"total_cents\":").append(total);
        if (withCsrf) {
            out.append(",\"csrf\":").append(ShopHandler.quote(session.csrf()));
        }
        return out.append('}').toString();
    }

    private Fields fields(Headers headers, byte[] body, String example) {
        String type = headers.getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            try {
                return new Fields(FormBody.parse(text), Optional.empty());
            } catch (IllegalArgumentException e) {
                return Fields.bad(e.getMessage());
            }
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return Fields.bad("the body is neither a JSON object nor a form (Content-Type "
                    + "application/x-www-form-urlencoded): write " + example);
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        return new Fields(values, Optional.empty());
    }

    private static int number(String s, int otherwise) {
        if (s == null || s.length() > 9 || !s.matches("\\d+")) {
            return otherwise;
        }
        return Integer.parseInt(s);
    }
}
