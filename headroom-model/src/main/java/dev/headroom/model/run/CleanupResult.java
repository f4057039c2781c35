package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the synthetic-data cleanup of a measured run did and whether it proved itself.
 * {@code status} is {@code pending} while the run goes (the baseline is counted, nothing deleted
 * yet), then {@code verified} or {@code failed}. {@code baseline} says when the unmarked rows were
 * first counted: {@code before the run}, or {@code before the cleanup} when a later
 * {@code headroom cleanup} found no earlier count. {@code http} is the status of the cleanup's HTTP
 * call, when it has one. {@code problems} says why a cleanup failed.
 */
public record CleanupResult(
        String status,
        String baseline,
        @JsonInclude(JsonInclude.Include.NON_NULL) String http,
        List<Table> tables,
        List<String> problems) {

    public static final String PENDING = "pending";
    public static final String VERIFIED = "verified";
    public static final String FAILED = "failed";

    public CleanupResult {
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    public boolean verified() {
        return status.equals(VERIFIED);
    }

    /**
     * One table's counts. Rows are "marked" when they carry this run's id. {@code markedBefore} and
     * {@code unmarkedBefore} are the baseline; {@code markedAtCleanup} is what the run left,
     * {@code deleted} how many marked rows went, {@code remaining} how many marked rows are still
     * there (must be 0) and {@code unmarkedAfter} how many other rows are left (must equal
     * {@code unmarkedBefore}). A count not taken is -1.
     */
    public record Table(
            String table,
            long markedBefore,
            long unmarkedBefore,
            long markedAtCleanup,
            long deleted,
            long remaining,
            long unmarkedAfter,
            boolean verified) {}
}
