package dev.headroom.analysis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.FileErrors;
import dev.headroom.model.spec.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a run directory ({@code run.json}, {@code timeline.jsonl}, {@code events.jsonl}). A run cut
 * short is read as far as it goes and marked partial: {@code run.json} missing, a measurement still
 * {@code running} or {@code interrupted}, or a last timeline line cut mid-write. Anything else that
 * cannot be read (not a run directory, another format version, a broken line in the middle) is a
 * {@link RunReadException} naming the file, line and column.
 */
public final class RunReader {
    private static final ObjectMapper MAPPER = RunJson.mapper();

    private RunReader() {}

    public static RunData read(Path dir) throws RunReadException {
        if (!Files.isDirectory(dir)) {
            throw problem(
                    dir.toString(), 0, 0, "is not a directory", "give the directory a run was written to (--out)");
        }
        Path runFile = dir.resolve(RunDirectory.RUN_FILE);
        Path timelineFile = dir.resolve(RunDirectory.TIMELINE_FILE);
        if (!Files.exists(runFile) && !Files.exists(timelineFile)) {
            throw problem(
                    dir.toString(),
                    0,
                    0,
                    "is not a run directory: it has neither " + RunDirectory.RUN_FILE + " nor "
                            + RunDirectory.TIMELINE_FILE,
                    "give the directory written by 'headroom simulate --out' or 'headroom load --out'");
        }
        Run run = Files.exists(runFile) ? readRun(runFile) : null;
        List<String> reasons = new ArrayList<>();
        if (run == null) {
            reasons.add(RunDirectory.RUN_FILE + " was never written (the run was cut short)");
        } else if (run.measurement() != null && isUnfinished(run.measurement().status())) {
            reasons.add("the measurement's status is '" + run.measurement().status() + "'");
        }
        List<TimelineRecord> timeline = new ArrayList<>();
        if (Files.exists(timelineFile) && readLines(timelineFile, TimelineRecord.class, timeline)) {
            reasons.add("the last line of " + RunDirectory.TIMELINE_FILE + " was cut short");
        }
        List<RunEvent> events = new ArrayList<>();
        Path eventsFile = dir.resolve(RunDirectory.EVENTS_FILE);
        if (Files.exists(eventsFile)) {
            readLines(eventsFile, RunEvent.class, events);
        }
        timeline.sort(Comparator.comparingDouble(TimelineRecord::t));
        events.sort(Comparator.comparingDouble(RunEvent::t));
        String source = dir.toString();
        return new RunData(
                source,
                run,
                timeline,
                events,
                !reasons.isEmpty(),
                reasons.isEmpty() ? null : String.join("; ", reasons));
    }

    private static boolean isUnfinished(String status) {
        return "running".equals(status) || "interrupted".equals(status);
    }

    private static Run readRun(Path file) throws RunReadException {
        String text = readText(file);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        }
        String format =
                tree == null ? null : tree.path("metadata").path("format").asText(null);
        if (format == null) {
            throw problem(
                    file.toString(),
                    1,
                    1,
                    "has no metadata.format: it is not a Headroom run",
                    "give the directory written by 'headroom simulate --out' or 'headroom load --out'");
        }
        if (!RunMetadata.FORMAT.equals(format)) {
            throw new RunReadException(new Problem(
                    file.toString(),
                    0,
                    0,
                    "metadata.format",
                    format,
                    "this Headroom reads runs of format '" + RunMetadata.FORMAT + "' only",
                    "run it again with this version of Headroom, or read it with the version that wrote it",
                    null));
        }
        try {
            return MAPPER.treeToValue(tree, Run.class);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        }
    }

    /** Reads JSON lines into {@code out}; returns true when the last line was cut short and dropped. */
    private static <T> boolean readLines(Path file, Class<T> type, List<T> out) throws RunReadException {
        List<String> lines = List.of(readText(file).split("\n", -1));
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(MAPPER.readValue(line, type));
            } catch (JsonProcessingException e) {
                if (i == last) {
                    return true;
                }
                JsonLocation loc = e.getLocation();
                throw problem(
                        file.toString(),
                        i + 1,
                        loc == null ? 1 : Math.max(1, loc.getColumnNr()),
                        "is not a valid " + type.getSimpleName() + " line: " + e.getOriginalMessage(),
                        "the file was changed after the run wrote it; run again to get a clean copy");
            }
        }
        return false;
    }

    private static String readText(Path file) throws RunReadException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw problem(
                    file.toString(),
                    0,
                    0,
                    "cannot be read: " + FileErrors.reason(e),
                    "check the path and its permissions");
        }
    }

    private static RunReadException malformed(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return problem(
                file.toString(),
                loc == null ? 0 : loc.getLineNr(),
                loc == null ? 0 : loc.getColumnNr(),
                "is not a valid run record: " + e.getOriginalMessage(),
                "the file was changed after the run wrote it; run again to get a clean copy");
    }

    private static RunReadException problem(String source, int line, int col, String rule, String fix) {
        return new RunReadException(new Problem(source, line, col, "", null, rule, fix, null));
    }
}
