package dev.headroom.demo;

import java.time.Duration;

/**
 * How long a login lasts and how much the in-memory session store may hold: {@code ttl} from the
 * login (not sliding, so the cookie's Max-Age says exactly when the shop forgets it), at most
 * {@code maxSessions} at once, at most {@code maxBasketLines} different items in a basket and
 * {@code maxQuantity} of one item.
 */
record SessionPolicy(Duration ttl, int maxSessions, int maxBasketLines, int maxQuantity) {
    SessionPolicy {
        if (ttl.isNegative() || ttl.isZero() || ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("the session ttl must be at least 1s, was " + ttl);
        }
        if (maxSessions < 1 || maxBasketLines < 1 || maxQuantity < 1) {
            throw new IllegalArgumentException("maxSessions, maxBasketLines and maxQuantity must be at least 1");
        }
    }

    static SessionPolicy defaults() {
        return new SessionPolicy(
                ShopDefaults.SESSION_TTL,
                ShopDefaults.MAX_SESSIONS,
                ShopDefaults.MAX_BASKET_LINES,
                ShopDefaults.MAX_QUANTITY);
    }
}
