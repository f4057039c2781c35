package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the synthetic-data cleanup of a measured run did and whether it proved itself.
 * {@code status} is {@code pending} while the run goes (the baseline is counted, nothing deleted
 * yet), then {@code verified} or {@code failed}. {@code baseline} says when the rows were first
 * counted: {@code before the run}, or {@code before the cleanup} when a later {@code headroom cleanup}
 * found no earlier count. {@code http} is the status of the cleanup's HTTP call, when it has one.
 * {@code orphans} are the references into cleaned tables that were checked for rows left behind.
 * {@code problems} says why a cleanup failed; {@code notes} what it saw that is not its doing (rows
 * that others removed during the run).
 */
public record CleanupResult(
        String status,
        String baseline,
        @JsonInclude(JsonInclude.Include.NON_NULL) String http,
        List<Table> tables,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Orphans> orphans,
        List<String> problems,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    public static final String PENDING = "pending";
    public static final String VERIFIED = "verified";
    public static final String FAILED = "failed";
    public static final String BEFORE_THE_RUN = "before the run";
    public static final String BEFORE_THE_CLEANUP = "before the cleanup";
    /** A count that was not taken (the database could not be reached, or the step never ran). */
    public static final long NOT_COUNTED = -1;

    public CleanupResult {
        tables = List.copyOf(tables);
        // run.json files written before orphans and notes existed lack them.
        orphans = orphans == null ? List.of() : List.copyOf(orphans);
        problems = problems == null ? List.of() : List.copyOf(problems);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public boolean verified() {
        return status.equals(VERIFIED);
    }

    /** Whether the baseline was counted before any load was sent (so no row could carry the run id yet). */
    public boolean countedBeforeTheRun() {
        return BEFORE_THE_RUN.equals(baseline);
    }

    /**
     * One table's counts. Rows are "marked" when the table's condition selects them for this run's
     * id. {@code markedBefore} and {@code unmarkedBefore} are the baseline; {@code markedAtCleanup} is
     * what the run left, {@code deleted} how many marked rows went, {@code remaining} how many marked
     * rows are still there (must be 0) and {@code unmarkedAfter} how many other rows are left (it
     * grows when real users write meanwhile). {@code existing} identifies the rows that existed at
     * the baseline by their key, independently of the condition, and says what became of them. A
     * count not taken is {@link #NOT_COUNTED}.
     */
    public record Table(
            String table,
            long markedBefore,
            long unmarkedBefore,
            long markedAtCleanup,
            long deleted,
            long remaining,
            long unmarkedAfter,
            boolean verified,
            @JsonInclude(JsonInclude.Include.NON_NULL) Existing existing) {}

    /**
     * The rows that existed at the baseline: those with {@code key <= maxKey} (keys only grow, so rows
     * inserted later, by the run or by real users, lie above it). {@code atBaseline} fingerprints them
     * then, {@code atCleanup} just before the cleanup touched anything (the difference is what others
     * removed during the run), {@code after} once the cleanup is over. With a baseline counted before
     * the run every row of the range is fingerprinted (none was marked then); with one counted just
     * before the cleanup the run's own rows lie in the range, and the marked ones are left out.
     * {@code maxKey} is {@link #EMPTY_TABLE} when the table had no row.
     */
    public record Existing(
            String key,
            long maxKey,
            Keys atBaseline,
            @JsonInclude(JsonInclude.Include.NON_NULL) Keys atCleanup,
            @JsonInclude(JsonInclude.Include.NON_NULL) Keys after) {
        /** The table was empty at the baseline: no key is at or below it. */
        public static final long EMPTY_TABLE = Long.MIN_VALUE;
    }

    /**
     * A fingerprint of a set of integer keys: how many, their sum modulo 2^31-1 per key and the sum of
     * their squares modulo 46337 per key (46337^2 fits a signed 32-bit integer, so no database
     * overflows). Removing any key changes {@code rows}; swapping one for another changes a sum.
     */
    public record Keys(long rows, long sum, long squares) {
        public static final Keys NONE = new Keys(0, 0, 0);

        public Keys minus(Keys other) {
            return new Keys(rows - other.rows, sum - other.sum, squares - other.squares);
        }
    }

    /**
     * A reference into a cleaned table ({@code table.column} points at {@code parent}), from a
     * declared foreign key or the spec's {@code references}, with the rows that pointed at no parent
     * row before the deletes and after them. More after means the cleanup would leave orphans.
     */
    public record Orphans(String table, String column, String parent, long before, long after) {}
}
