package dev.headroom.analysis;

import java.util.List;

/**
 * Anything else worth a person's attention: {@code kind} names it (for example
 * {@code component-saturated}, {@code littles-law}, {@code guard-tripped}), {@code what} says it in
 * a sentence, at {@code t} seconds (or -1 for the whole run), with its evidence.
 */
public record Finding(String kind, String component, double t, String what, List<Evidence> evidence) {
    public Finding {
        evidence = List.copyOf(evidence);
    }
}
