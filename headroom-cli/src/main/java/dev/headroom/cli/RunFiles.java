package dev.headroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.TimelineRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run directory read back for analysis: {@code run.json} and {@code timeline.jsonl}. A last
 * timeline line cut short by a killed run is skipped; anything else that does not read is bad
 * input, said with the file and line.
 */
record RunFiles(Path dir, Run run, List<TimelineRecord> timeline) {

    static RunFiles read(Path dir) {
        Path runFile = dir.resolve(RunDirectory.RUN_FILE);
        Path timelineFile = dir.resolve(RunDirectory.TIMELINE_FILE);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(runFile) || !Files.isRegularFile(timelineFile)) {
            throw new BadInputException(dir + ": not a run directory (it needs " + RunDirectory.RUN_FILE + " and "
                    + RunDirectory.TIMELINE_FILE + ")\n    fix: give a directory written by 'headroom simulate' or"
                    + " 'headroom load' (runs/<run id>)");
        }
        Run run;
        try {
            run = RunJson.mapper().readValue(runFile.toFile(), Run.class);
        } catch (IOException e) {
            throw new BadInputException(runFile + ": cannot read the run (" + firstLine(e) + ")");
        }
        if (run.metadata() == null || !RunMetadata.FORMAT.equals(run.metadata().format())) {
            throw new BadInputException(runFile + ": format '"
                    + (run.metadata() == null ? null : run.metadata().format()) + "' is not " + RunMetadata.FORMAT
                    + "\n    fix: re-run it with this version of headroom");
        }
        return new RunFiles(dir, run, timeline(timelineFile));
    }

    private static List<TimelineRecord> timeline(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<TimelineRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(RunJson.mapper().readValue(lines.get(i), TimelineRecord.class));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break; // the run was killed while writing its last second
                }
                throw new BadInputException(file + ":" + (i + 1) + ": not a timeline record (" + firstLine(e) + ")");
            }
        }
        return out;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
