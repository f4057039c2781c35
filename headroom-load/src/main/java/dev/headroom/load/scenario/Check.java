package dev.headroom.load.scenario;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a response must be to count as a success. Without a {@code status} set, any status from
 * 200 to 399 passes and any other is an error of kind {@code http-<code>}; with one, a status
 * outside it is an error of kind {@code check-status}. A body that lacks {@code bodyContains} or
 * does not match {@code bodyMatches} (searched anywhere in the body) is a {@code check-body} error.
 */
public record Check(Set<Integer> status, Optional<String> bodyContains, Optional<Pattern> bodyMatches) {
    public static final Check DEFAULT = new Check(Set.of(), Optional.empty(), Optional.empty());

    public Check {
        status = Set.copyOf(status);
    }

    /** Whether the body has to be kept to decide the check. */
    public boolean readsBody() {
        return bodyContains.isPresent() || bodyMatches.isPresent();
    }
}
