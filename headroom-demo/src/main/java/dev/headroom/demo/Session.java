package dev.headroom.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** One login: its customer, its CSRF token (one per session, the synchronizer-token pattern) and its basket. */
final class Session {
    /** One line of the basket: the item as read from the menu when added, and how many. */
    record BasketLine(int item, String name, int priceCents, int quantity) {}

    private final String id;
    private final String customer;
    private final String csrf;
    private final Instant expiresAt;
    private final LinkedHashMap<Integer, BasketLine> basket = new LinkedHashMap<>();

    Session(String id, String customer, String csrf, Instant expiresAt) {
        this.id = id;
        this.customer = customer;
        this.csrf = csrf;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String customer() {
        return customer;
    }

    String csrf() {
        return csrf;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether {@code presented} is this session's token, compared in constant time. */
    boolean csrfMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        csrf.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds {@code quantity} of an item (to its line if already there). Empty on success, else what
     * bound it would break.
     */
    synchronized Optional<String> add(BasketLine line, SessionPolicy policy) {
        BasketLine had = basket.get(line.item());
        if (had == null && basket.size() >= policy.maxBasketLines()) {
            return Optional.of("the basket holds at most " + policy.maxBasketLines()
                    + " different items: check out or add to a line already in it");
        }
        int quantity = (had == null ? 0 : had.quantity()) + line.quantity();
        if (quantity > policy.maxQuantity()) {
            return Optional.of("the basket would hold " + quantity + " of item " + line.item() + ", more than "
                    + policy.maxQuantity() + ": add fewer");
        }
        basket.put(line.item(), new BasketLine(line.item(), line.name(), line.priceCents(), quantity));
        return Optional.empty();
    }

    synchronized List<BasketLine> lines() {
        return List.copyOf(basket.values());
    }

    /** Empties the basket and returns what it held, so two checkouts at once cannot order it twice. */
    synchronized List<BasketLine> take() {
        List<BasketLine> out = new ArrayList<>(basket.values());
        basket.clear();
        return out;
    }

    /** Puts back what {@link #take()} returned when the order could not be placed (before anything added since). */
    synchronized void restore(List<BasketLine> lines) {
        LinkedHashMap<Integer, BasketLine> added = new LinkedHashMap<>(basket);
        basket.clear();
        for (BasketLine l : lines) {
            basket.put(l.item(), l);
        }
        for (BasketLine l : added.values()) {
            BasketLine had = basket.get(l.item());
            basket.put(
                    l.item(),
                    had == null
                            ? l
                            : new BasketLine(l.item(), l.name(), l.priceCents(), had.quantity() + l.quantity()));
        }
    }
}
