package dev.headroom.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's logins, in memory. Memory and not the database: a session and its basket are the
 * shop's own short-lived state, not business data, so keeping them out of the tables keeps the
 * load test's marked rows (and so the cleanup's proof) exactly the orders, and keeps login and
 * basket off the connection pool that is the demo's designed bottleneck.
 *
 * <p>Every session lives {@link SessionPolicy#ttl()} from its login, so insertion order is expiry
 * order: expired sessions are dropped from the head on every call, and a login into a full store
 * drops the oldest (counted in {@code shop_sessions_evicted_total}).
 */
final class Sessions {
    private static final int ID_BYTES = 32;

    private final SessionPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Session> byId = new LinkedHashMap<>();
    private long evicted;

    Sessions(SessionPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    SessionPolicy policy() {
        return policy;
    }

    /** A new session for {@code customer}, with its own id and its own CSRF token. */
    synchronized Session create(String customer) {
        Instant now = clock.instant();
        sweep(now);
        if (byId.size() >= policy.maxSessions()) {
            Iterator<Map.Entry<String, Session>> oldest = byId.entrySet().iterator();
            oldest.next();
            oldest.remove();
            evicted++;
        }
        String id = token();
        while (byId.containsKey(id)) {
            id = token();
        }
        Session s = new Session(id, customer, token(), now.plus(policy.ttl()));
        byId.put(id, s);
        return s;
    }

    /** The live session with this id; empty when there is none or it has expired. */
    synchronized Optional<Session> find(String id) {
        Instant now = clock.instant();
        sweep(now);
        Session s = byId.get(id);
        return s == null || s.expiredAt(now) ? Optional.empty() : Optional.of(s);
    }

    synchronized int size() {
        sweep(clock.instant());
        return byId.size();
    }

    synchronized long evicted() {
        return evicted;
    }

    private void sweep(Instant now) {
        Iterator<Session> it = byId.values().iterator();
        while (it.hasNext()) {
            if (!it.next().expiredAt(now)) {
                return;
            }
            it.remove();
        }
    }

    private String token() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
