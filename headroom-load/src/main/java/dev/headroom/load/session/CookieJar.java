package dev.headroom.load.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One session's cookies, stored and sent as RFC 6265 section 5 says a user agent does: Set-Cookie
 * parsed as in 5.2, stored as in 5.3 (host-only unless Domain is given and domain-matches the
 * request host; Path defaulting to the request's directory; Max-Age before Expires; an expiry in
 * the past deletes), and sent as in 5.4 (domain, path and Secure matched, unexpired, longer paths
 * first). The public suffix check of 5.3 step 5 is left out: load goes to the hosts the scenario
 * lists, which it controls. Not thread safe: a session lives on one event loop.
 */
public final class CookieJar {
    /** RFC 6265 section 6.1 asks for at least 50 cookies per domain; a session needs far fewer hosts. */
    public static final int MAX_COOKIES = 200;

    private final List<Cookie> cookies = new ArrayList<>();
    private long created;

    /** One stored cookie (RFC 6265 section 5.3). {@code expiresMillis} is Long.MAX_VALUE for a session cookie. */
    public record Cookie(
            String name,
            String value,
            String domain,
            boolean hostOnly,
            String path,
            long expiresMillis,
            boolean secure,
            long creation) {}

    /** Stores (or deletes) what one Set-Cookie header says, received for {@code host} and {@code path}. */
    public void receive(String setCookie, String host, String requestPath, long nowMillis) {
        String h = host.toLowerCase(Locale.ROOT);
        int semi = setCookie.indexOf(';');
        String pair = semi < 0 ? setCookie : setCookie.substring(0, semi);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return;
        }
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (name.isEmpty() || unsafe(name) || unsafe(value)) {
            return;
        }
        long expires = Long.MAX_VALUE;
        boolean maxAgeSeen = false;
        String domain = "";
        String path = null;
        boolean secure = false;
        String rest = semi < 0 ? "" : setCookie.substring(semi + 1);
        for (String av : rest.split(";", -1)) {
            int e = av.indexOf('=');
            String an = (e < 0 ? av : av.substring(0, e)).trim().toLowerCase(Locale.ROOT);
            String val = e < 0 ? "" : av.substring(e + 1).trim();
            switch (an) {
                case "expires" -> {
                    if (!maxAgeSeen) {
                        long t = CookieDate.parse(val);
                        if (t != CookieDate.INVALID) {
                            expires = t;
                        }
                    }
                }
                case "max-age" -> {
                    if (val.matches("-?[0-9]+")) {
                        maxAgeSeen = true;
                        long delta = parseDelta(val);
                        expires = delta <= 0 ? Long.MIN_VALUE : saturatedAdd(nowMillis, delta);
                    }
                }
                case "domain" -> {
                    if (!val.isEmpty()) {
                        domain = (val.startsWith(".") ? val.substring(1) : val).toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                default -> {
                    // HttpOnly, SameSite and unknown attributes change nothing for a client without scripts.
                }
            }
        }
        boolean hostOnly = domain.isEmpty();
        if (!hostOnly && !domainMatches(h, domain)) {
            return;
        }
        Cookie c = new Cookie(
                name,
                value,
                hostOnly ? h : domain,
                hostOnly,
                path == null ? defaultPath(requestPath) : path,
                expires,
                secure,
                created++);
        store(c, nowMillis);
    }

    private void store(Cookie c, long nowMillis) {
        for (int i = 0; i < cookies.size(); i++) {
            Cookie old = cookies.get(i);
            if (old.name().equals(c.name())
                    && old.domain().equals(c.domain())
                    && old.path().equals(c.path())) {
                cookies.remove(i);
                c = new Cookie(
                        c.name(),
                        c.value(),
                        c.domain(),
                        c.hostOnly(),
                        c.path(),
                        c.expiresMillis(),
                        c.secure(),
                        old.creation());
                break;
            }
        }
        if (c.expiresMillis() <= nowMillis) {
            return;
        }
        cookies.removeIf(k -> k.expiresMillis() <= nowMillis);
        if (cookies.size() >= MAX_COOKIES) {
            cookies.remove(0);
        }
        cookies.add(c);
    }

    /**
     * The Cookie header's value for a request to {@code host} and {@code requestPath} (a query is
     * ignored), over a secure channel or not; empty when no cookie applies.
     */
    public String header(String host, String requestPath, boolean secureChannel, long nowMillis) {
        String h = host.toLowerCase(Locale.ROOT);
        String path = pathOnly(requestPath);
        List<Cookie> out = new ArrayList<>();
        for (Cookie c : cookies) {
            boolean domainOk = c.hostOnly() ? h.equals(c.domain()) : domainMatches(h, c.domain());
            if (domainOk
                    && pathMatches(path, c.path())
                    && (!c.secure() || secureChannel)
                    && c.expiresMillis() > nowMillis) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        out.sort(Comparator.comparingInt((Cookie c) -> -c.path().length()).thenComparingLong(Cookie::creation));
        StringBuilder sb = new StringBuilder();
        for (Cookie c : out) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(c.name()).append('=').append(c.value());
        }
        return sb.toString();
    }

    public List<Cookie> cookies() {
        return List.copyOf(cookies);
    }

    /** RFC 6265 section 5.1.3: identical, or a suffix after a dot of a host name that is not an IP address. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain)
                && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.'
                && !isIpAddress(host);
    }

    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /** RFC 6265 section 5.1.4: the request path up to, not including, its last slash; "/" for one slash or none. */
    static String defaultPath(String requestPath) {
        String p = pathOnly(requestPath);
        if (p.isEmpty() || p.charAt(0) != '/') {
            return "/";
        }
        int last = p.lastIndexOf('/');
        return last == 0 ? "/" : p.substring(0, last);
    }

    /** RFC 6265 section 5.1.4: identical, or a prefix ending at a slash. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    private static String pathOnly(String target) {
        int q = target.indexOf('?');
        String p = q < 0 ? target : target.substring(0, q);
        return p.isEmpty() ? "/" : p;
    }

    /** A cookie whose name or value would break the Cookie header (a control character) is ignored. */
    private static boolean unsafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7f || ch == ';') {
                return true;
            }
        }
        return false;
    }

    private static long parseDelta(String val) {
        if (val.startsWith("-")) {
            return -1;
        }
        // Digits past what a long holds mean "for ever" (RFC 6265 section 5.2.2 has no upper bound).
        return val.length() > 15 ? Long.MAX_VALUE / 2000 : Long.parseLong(val) * 1000;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
    }
}
