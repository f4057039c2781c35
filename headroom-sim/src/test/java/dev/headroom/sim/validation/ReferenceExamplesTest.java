package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every runnable reference case in {@code examples/reference/} states its closed-form answer in a
 * machine-readable comment, {@code # expect: meanResponseMillis=50.0 tolerance=6%}, and one run
 * with the file's own seed must land within it. Each file justifies its tolerance: a few standard
 * errors of a single run of that length, as measured by the replicated tests in this package.
 */
class ReferenceExamplesTest {
    private static final Path DIRECTORY = Path.of("..", "examples", "reference");
    private static final Pattern EXPECT =
            Pattern.compile("^#\\s*expect:\\s*meanResponseMillis=([0-9.]+)\\s+tolerance=([0-9.]+)%\\s*$");

    private record Expectation(double meanResponseMillis, double tolerance) {}

    static Stream<Path> references() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void everyClosedFormHasAReferenceCase() throws IOException {
        assertThat(references().map(f -> f.getFileName().toString()))
                .contains(
                        "mm1-rho50.yaml",
                        "mm1-rho80.yaml",
                        "mm1-rho95.yaml",
                        "mmc-2-rho70.yaml",
                        "mmc-4-rho85.yaml",
                        "mmc-8-rho90.yaml",
                        "md1.yaml",
                        "tandem.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void referenceCase_meanResponseMatchesItsClosedForm(Path file) throws IOException, SpecException {
        Expectation expected = expectation(file);
        Spec spec = SpecLoader.load(file, List.of());
        SimResult result = Simulation.run(spec, SimOptions.seeded(spec.seed().orElse(Spec.DEFAULT_SEED)));

        double measured = result.summary().latencyMillis().mean();
        System.out.printf(
                Locale.US,
                "reference %-18s mean response %.3f ms, closed form %.3f ms (%+.2f%%, tolerance %.0f%%)%n",
                file.getFileName(),
                measured,
                expected.meanResponseMillis(),
                100 * (measured / expected.meanResponseMillis() - 1),
                100 * expected.tolerance());
        assertThat(result.summary().errorCount()).as("errors in %s", file).isZero();
        assertThat(Math.abs(measured / expected.meanResponseMillis() - 1))
                .as("relative error of the mean response in %s", file)
                .isLessThanOrEqualTo(expected.tolerance());
    }

    private static Expectation expectation(Path file) throws IOException {
        List<Expectation> found = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(EXPECT::matcher)
                .filter(Matcher::matches)
                .map(m -> new Expectation(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) / 100))
                .toList();
        assertThat(found)
                .as("%s needs one line '# expect: meanResponseMillis=<ms> tolerance=<percent>%%'", file)
                .hasSize(1);
        return found.get(0);
    }
}
