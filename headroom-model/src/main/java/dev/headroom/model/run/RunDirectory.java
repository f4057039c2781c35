package dev.headroom.model.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's directory: {@code run.json} (metadata and summary), {@code events.jsonl} (state changes
 * such as credits running out), {@code timeline.jsonl} (one record per
 * interval, written as the run goes so a run cut short still leaves its timeline) and a copy of the
 * spec. Machine output only; the same run gives the same bytes.
 */
public final class RunDirectory implements Closeable {
    public static final String RUN_FILE = "run.json";
    public static final String TIMELINE_FILE = "timeline.jsonl";
    public static final String SPEC_FILE = "spec.yaml";
    public static final String EVENTS_FILE = "events.jsonl";

    private final Path dir;
    private final BufferedWriter timeline;
    private final BufferedWriter events;

    private RunDirectory(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.timeline = Files.newBufferedWriter(dir.resolve(TIMELINE_FILE), StandardCharsets.UTF_8);
        this.events = Files.newBufferedWriter(dir.resolve(EVENTS_FILE), StandardCharsets.UTF_8);
    }

    /** Creates (or reuses) the directory and starts a fresh timeline in it. */
    public static RunDirectory create(Path dir) throws IOException {
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public void copySpec(Path spec) throws IOException {
        Files.copy(spec, dir.resolve(SPEC_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void appendTimeline(TimelineRecord record) {
        try {
            timeline.write(RunJson.line(record));
            timeline.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends an event and flushes it at once: events are rare and must survive a crash. */
    public void appendEvent(RunEvent event) {
        try {
            events.write(RunJson.line(event));
            events.write('\n');
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes the timeline written so far to the file, so a run killed now still leaves it. */
    public void flushTimeline() {
        try {
            timeline.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeRun(Run run) throws IOException {
        timeline.flush();
        events.flush();
        writeRunFile(dir, run);
    }

    /** Replaces {@code run.json} in {@code dir} atomically, for a run whose directory is no longer open. */
    public static void writeRunFile(Path dir, Run run) throws IOException {
        Path tmp = dir.resolve(RUN_FILE + ".tmp");
        Files.writeString(tmp, RunJson.pretty(run) + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                dir.resolve(RUN_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        timeline.close();
        events.close();
    }
}
