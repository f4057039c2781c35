package dev.headroom.model.traffic;

import java.util.Locale;

/** What a recorded value is: a rate per second, or a count of requests in the period the row starts. */
public enum Meaning {
    RATE,
    COUNT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
