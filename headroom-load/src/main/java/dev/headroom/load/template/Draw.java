package dev.headroom.load.template;

import dev.headroom.model.random.RandomStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The feeder values of one request on one event loop. Each feeder is drawn at most once per
 * request, so {@code ${user.id}} and {@code ${user.name}} come from the same CSV row. Not thread
 * safe: one per event loop, {@link #next()} before each request. A journey's steps draw from
 * their session instead ({@link #session}): its feeder values are drawn once per session and its
 * extracted values are the session's.
 */
public final class Draw {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Feeders feeders;
    private final RandomStream random;
    private final Object[] own;
    private Object[] drawn;
    private String[] extracted = new String[0];
    private boolean exhausted;
    private String exhaustedFeeder;

    Draw(Feeders feeders, RandomStream random) {
        this.feeders = feeders;
        this.random = random;
        this.own = new Object[feeders.size()];
        this.drawn = own;
    }

    /** Forgets the previous request's values. */
    public void next() {
        Arrays.fill(own, null);
        drawn = own;
        extracted = NONE;
        exhausted = false;
    }

    private static final String[] NONE = new String[0];

    /** A session's own store of feeder values, one slot per feeder, drawn on first use. */
    public Object[] newSessionStore() {
        return new Object[feeders.size()];
    }

    /**
     * Renders the next request of a session: feeder values from {@code store} (kept there for the
     * session's later steps), extracted values from {@code values}.
     */
    public void session(Object[] store, String[] values) {
        drawn = store;
        extracted = values;
        exhausted = false;
    }

    String extracted(int slot) {
        String v = slot < extracted.length ? extracted[slot] : null;
        return v == null ? "" : v;
    }

    /** Whether a unique feeder ran out of rows while this request was rendered. */
    public boolean exhausted() {
        return exhausted;
    }

    public String exhaustedFeeder() {
        return exhaustedFeeder;
    }

    String value(int feeder, int column) {
        Object v = drawn[feeder];
        if (v == null) {
            v = draw(feeders.spec(feeder), feeder);
            drawn[feeder] = v;
        }
        if (v instanceof List<?> row) {
            return (String) row.get(column);
        }
        return (String) v;
    }

    private Object draw(FeederSpec spec, int index) {
        if (spec instanceof FeederSpec.Csv csv) {
            int n = csv.rows().size();
            return switch (csv.order()) {
                case SEQUENTIAL -> csv.rows().get((int) (feeders.take(index) % n));
                case RANDOM -> csv.rows().get(random.nextInt(n));
                case UNIQUE -> {
                    long i = feeders.take(index);
                    if (i >= n) {
                        exhausted = true;
                        exhaustedFeeder = csv.file();
                        yield Collections.nCopies(csv.columns().size(), "");
                    }
                    yield csv.rows().get((int) i);
                }
            };
        }
        if (spec instanceof FeederSpec.Counter c) {
            return Long.toString(c.start() + feeders.take(index));
        }
        if (spec instanceof FeederSpec.RandomInt r) {
            long span = r.max() - r.min() + 1;
            long x = span <= 0 ? random.nextLong() : r.min() + Math.floorMod(random.nextLong(), span);
            return Long.toString(x);
        }
        return uuid();
    }

    private String uuid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[p++] = '-';
            }
            long word = i < 16 ? hi : lo;
            int shift = 60 - 4 * (i % 16);
            out[p++] = HEX[(int) ((word >>> shift) & 0xF)];
        }
        return new String(out);
    }
}
