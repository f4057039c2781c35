package dev.headroom.cli;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec file and its {@code --set} overrides, shared by the commands that read a spec. */
final class SpecInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "The spec (YAML).")
    Path file;

    @Option(
            names = "--set",
            paramLabel = "path=value",
            description = "Override any spec value by its path, e.g. architecture.pool.instances=8 or"
                    + " workload.classes.browse.weight=3 (repeatable).")
    List<String> overrides = new ArrayList<>();

    Spec load() {
        try {
            return SpecLoader.load(file, overrides);
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        }
    }

    /** The spec with no overrides, as the file says. */
    static Spec loadAsWritten(Path file) {
        try {
            return SpecLoader.load(file, List.of());
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        }
    }

    /** SHA-256 of the spec text and the overrides: the same inputs give the same digest. */
    String digest() {
        return digest(file, overrides);
    }

    static String digest(Path file, List<String> overrides) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(file));
            for (String o : overrides) {
                md.update(("\n--set " + o).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new BadInputException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
    }
}
