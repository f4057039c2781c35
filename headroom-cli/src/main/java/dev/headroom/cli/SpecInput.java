package dev.headroom.cli;

import dev.headroom.model.spec.FileErrors;
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
        return digestOf(file, overrides.stream().map(o -> "--set " + o).toList());
    }

    /** SHA-256 of the file's bytes, then of each argument that changes what it says, one per line. */
    static String digestOf(Path file, List<String> arguments) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try {
            md.update(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the file: " + FileErrors.reason(e));
        }
        for (String a : arguments) {
            md.update(("\n" + a).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
