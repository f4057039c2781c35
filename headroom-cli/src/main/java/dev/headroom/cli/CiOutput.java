package dev.headroom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags for CI servers, shared by {@code simulate} and {@code load}. */
final class CiOutput {
    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Also write the goals, thresholds, guards and lag limit as JUnit XML test cases,"
                    + " one per rule with its observed value, for CI servers that read test reports.")
    Path junit;
}
