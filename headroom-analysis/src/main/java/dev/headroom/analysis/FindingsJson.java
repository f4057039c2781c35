package dev.headroom.analysis;

import dev.headroom.model.run.RunJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code findings.json}: the findings written with the runs' own JSON mapper, so the bytes are stable. */
public final class FindingsJson {
    public static final String FILE = "findings.json";

    private FindingsJson() {}

    public static String text(Findings f) {
        return RunJson.pretty(f) + "\n";
    }

    /** Writes {@code findings.json} into a run directory (atomically: a reader never sees half of it). */
    public static void write(Path runDir, Findings f) throws IOException {
        Path tmp = runDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, text(f), StandardCharsets.UTF_8);
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The findings written in a run directory, or null when there are none or they are of another format. */
    public static Findings read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Findings f = RunJson.mapper().readValue(file.toFile(), Findings.class);
            return Findings.FORMAT.equals(f.format()) ? f : null;
        } catch (IOException e) {
            return null;
        }
    }
}
