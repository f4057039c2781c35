package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Seals the format of {@code findings.json}: a fixed run gives exactly these bytes. A change to the
 * format must change the golden files on purpose (and {@code Findings.FORMAT} when it breaks readers);
 * the actual output is left in {@code target/} to compare.
 */
class FindingsGoldenTest {
    private static void assertGolden(String name, Findings f) throws IOException {
        String actual = FindingsJson.text(f);
        String expected;
        try (InputStream in = FindingsGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Files.createDirectories(Path.of("target/golden-actual"));
            Files.writeString(Path.of("target/golden-actual", name), actual);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void creditsChain_findingsJson() throws IOException {
        assertGolden("findings-credits-chain.json", Analysis.analyse(SyntheticRun.creditsChain()));
    }

    @Test
    void stepRun_findingsJson() throws IOException {
        assertGolden("findings-steps.json", Analysis.analyse(SyntheticRun.steps()));
    }

    @Test
    void roundTrips() throws IOException {
        Findings f = Analysis.analyse(SyntheticRun.creditsChain());
        Findings back = dev.headroom.model.run.RunJson.mapper().readValue(FindingsJson.text(f), Findings.class);
        assertThat(back).isEqualTo(f);
    }
}
