package dev.headroom.bench;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The end-to-end benchmarks' reference model, {@code reference-three-tier.yaml} on the class path. */
final class ReferenceModel {
    static final String RESOURCE = "reference-three-tier.yaml";
    static final double RATE_PER_SECOND = 10_000;

    private ReferenceModel() {}

    /** The reference model at its constant rate for {@code durationSeconds} of simulated time. */
    static Spec lasting(double durationSeconds) {
        String duration = "workload.profile.constant.duration=" + Math.round(durationSeconds) + "s";
        try {
            return SpecLoader.parse(RESOURCE, text(), List.of(duration), Path.of("."));
        } catch (SpecException e) {
            throw new IllegalStateException("the bundled reference model is invalid: " + e.getMessage(), e);
        }
    }

    static long seed(Spec spec) {
        return spec.seed().orElse(Spec.DEFAULT_SEED);
    }

    private static String text() {
        try (InputStream in = ReferenceModel.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
