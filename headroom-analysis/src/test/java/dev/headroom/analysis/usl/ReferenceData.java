package dev.headroom.analysis.usl;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds published reference data kept outside the repository, in {@code ../shared/reference/}
 * relative to the project root: from Maven's project directory when set, else by walking up from
 * the working directory.
 */
final class ReferenceData {
    private ReferenceData() {}

    static Path find(String name) {
        String root = System.getProperty("maven.multiModuleProjectDirectory");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("reference data " + name + " not found in ../shared/reference/ above " + start
                + ": it is kept beside the repository, not in it");
    }
}
