package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.load.cleanup.Cleanup;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.model.run.CleanupResult;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The cleanup around a measured run: the baseline counted before any load is sent, then after the
 * run (whatever ended it) the delete and its proof, recorded in {@code run.json} and printed.
 */
final class CleanupStep {
    private final Cleanup cleanup;
    private final CleanupResult baseline;
    private CleanupResult done;

    private CleanupStep(Cleanup cleanup, CleanupResult baseline) {
        this.cleanup = cleanup;
        this.baseline = baseline;
    }

    /**
     * Counts the baseline; empty when the scenario has no cleanup. An unreachable database, a table the
     * proof cannot protect, or a condition that already selects rows for the new run id: bad input,
     * nothing sent.
     */
    static Optional<CleanupStep> before(Scenario scenario, String runId, Path file) {
        if (scenario.cleanup().isEmpty()) {
            return Optional.empty();
        }
        Cleanup c = new Cleanup(scenario.cleanup().get(), runId, scenario.tagHeader());
        try {
            return Optional.of(new CleanupStep(c, c.baseline()));
        } catch (Cleanup.DatabaseException e) {
            throw new BadInputException(file + ": cleanup: " + e.getMessage()
                    + "\n  rule: the rows are counted before the run so the cleanup can prove itself; no load was sent"
                    + "\n  fix: start the database or correct cleanup.database (url, user, password)");
        } catch (Cleanup.Refused e) {
            throw new BadInputException(e.getMessage() + "\n    no load was sent");
        }
    }

    /** A cleanup for a run that already happened (its process died), with the baseline it recorded if any. */
    static CleanupStep later(Cleanup cleanup, CleanupResult recorded)
            throws Cleanup.DatabaseException, Cleanup.Refused {
        return new CleanupStep(
                cleanup, recorded != null ? recorded : cleanup.baseline(CleanupResult.BEFORE_THE_CLEANUP));
    }

    CleanupResult baseline() {
        return baseline;
    }

    /** Cleans up once; later calls return the first result. */
    synchronized CleanupResult run() {
        if (done == null) {
            done = cleanup.run(baseline);
        }
        return done;
    }

    /** Cleans up and records the result in {@code run}, rewriting the run directory's run.json. */
    Run finish(Run run, Path dir) throws IOException {
        Run cleaned = new Run(run.metadata(), run.summary(), run.measurement().withCleanup(run()), run.goals());
        RunDirectory.writeRunFile(dir, cleaned);
        return cleaned;
    }

    /** The cleanup recorded in {@code dir/run.json}, if the file and the record exist. */
    static CleanupResult recorded(Path dir) throws IOException {
        Path file = dir.resolve(RunDirectory.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode c =
                RunJson.mapper().readTree(file.toFile()).path("measurement").path("cleanup");
        if (c.isMissingNode() || c.isNull() || c.path("tables").isEmpty()) {
            return null;
        }
        return RunJson.mapper().treeToValue(c, CleanupResult.class);
    }

    /** Sets {@code measurement.cleanup} in {@code dir/run.json} when it exists, leaving the rest as written. */
    static boolean record(Path dir, CleanupResult result) throws IOException {
        Path file = dir.resolve(RunDirectory.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode root = RunJson.mapper().readTree(file.toFile());
        if (!(root.path("measurement") instanceof ObjectNode m)) {
            return false;
        }
        m.set("cleanup", RunJson.mapper().valueToTree(result));
        Path tmp = dir.resolve(RunDirectory.RUN_FILE + ".tmp");
        Files.writeString(tmp, RunJson.pretty(root) + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    static void print(PrintWriter out, CleanupResult r) {
        out.println(String.format(
                Locale.US,
                "cleanup     %s (unmarked rows counted %s%s)",
                r.verified() ? "verified" : "FAILED",
                r.baseline(),
                r.http() == null ? "" : "; " + r.http()));
        out.println(String.format(
                Locale.US,
                "  %-28s %9s %9s %9s %16s %9s",
                "table",
                "marked",
                "deleted",
                "remaining",
                "unmarked before",
                "after"));
        for (CleanupResult.Table t : r.tables()) {
            out.println(String.format(
                    Locale.US,
                    "  %-28s %9s %9s %9s %16s %9s  %s",
                    t.table(),
                    count(t.markedAtCleanup()),
                    count(t.deleted()),
                    count(t.remaining()),
                    count(t.unmarkedBefore()),
                    count(t.unmarkedAfter()),
                    t.verified() ? "ok" : "FAIL"));
        }
        for (CleanupResult.Table t : r.tables()) {
            if (t.existing() != null && t.existing().atCleanup() != null) {
                out.println(String.format(
                        Locale.US,
                        "  %-28s %s; %s of them at the cleanup, %s after",
                        t.table(),
                        existed(t.existing()),
                        t.existing().atCleanup().rows(),
                        t.existing().after() == null
                                ? "-"
                                : Long.toString(t.existing().after().rows())));
            }
        }
        for (CleanupResult.Orphans o : r.orphans()) {
            out.println(String.format(
                    Locale.US,
                    "  %-28s rows pointing at no %s: %d before the deletes, %d after",
                    o.table() + "." + o.column(),
                    o.parent(),
                    o.before(),
                    o.after()));
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
        for (String p : r.problems()) {
            out.println("  problem: " + p);
        }
    }

    private static String existed(CleanupResult.Existing e) {
        return e.maxKey() == CleanupResult.Existing.EMPTY_TABLE
                ? "empty at the baseline"
                : e.atBaseline().rows() + " rows existed before (" + e.key() + " <= " + e.maxKey() + ")";
    }

    private static String count(long n) {
        return n == CleanupResult.NOT_COUNTED ? "-" : Long.toString(n);
    }
}
