package dev.headroom.analysis.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.analysis.usl.LoadStep;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.model.workload.RequestClass;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecWriterTest {
    private static final Estimate CPU = new Estimate(1.5, 1.4, 1.6, 30);
    private static final Estimate DB = new Estimate(6.0, 5.8, 6.2, 30);

    private static Calibration calibration(Double p99OverMean) {
        return new Calibration(
                "run-1",
                List.of(new LoadStep(2, 10, 50, 400, 50, 8, 0.4), new LoadStep(12, 20, 100, 800, 100, 8, 0.8)),
                200.0,
                new Estimate(75, 50, 100, 30),
                CPU,
                DB,
                new Estimate(2, 2, 2, 30),
                null,
                null,
                null,
                0,
                1.5,
                2,
                4,
                null,
                List.of(
                        new Calibration.ClassDemand("browse", "browse", 800, 5.0, 1.0, 1, 3.0, p99OverMean),
                        new Calibration.ClassDemand("buy", "order", 200, 15.0, 3.5, 4, 3.0, p99OverMean)),
                List.of());
    }

    private static final SpecWriter.Source SOURCE = new SpecWriter.Source(
            "shop",
            7,
            "runs/shop-1",
            "poisson",
            "{\"steps\":{\"rates\":[\"50/s\",\"100/s\",\"200/s\"],\"each\":\"10s\"}}",
            "5s");

    @Test
    void writtenSpec_loadsCleanly_withEveryNumberAndItsSource() throws Exception {
        String yaml = SpecWriter.write(calibration(null), MetricNames.shop(), SOURCE);

        Spec spec = SpecLoader.parse("calibrated.yaml", yaml, List.of(), Path.of("."));

        assertThat(spec.name()).isEqualTo("shop-calibrated");
        assertThat(spec.workload().classes()).extracting(RequestClass::name).containsExactly("browse", "buy");
        assertThat(spec.architecture().pool().cores()).isEqualTo(2);
        assertThat(spec.architecture().db().orElseThrow().connections()).isEqualTo(4);
        assertThat(spec.workload().profile().durationSeconds()).isEqualTo(30.0);
        assertThat(yaml)
                .contains("cpu: { exponential: 1000us }", "db: { queries: 4, cpu: { exponential: 3000us } }")
                .contains("# CPU: process_cpu_seconds_total/s over requests/s = 1.500 ms per request")
                .contains("4 connections (shop_pool_size)")
                .contains("knee at 200/s offered")
                .doesNotContain("workers:");
    }

    @Test
    void measuredShape_givesCpuAndDatabaseTheClassTail() throws Exception {
        String yaml = SpecWriter.write(calibration(3.0), MetricNames.shop(), SOURCE);

        SpecLoader.parse("calibrated.yaml", yaml, List.of(), Path.of("."));
        assertThat(yaml)
                .contains("cpu: { lognormal: { mean: 1000us, p99: 3000us } }")
                .contains("db: { queries: 1, cpu: { lognormal: { mean: 3000us, p99: 9000us } } }")
                .contains("# shape: log-normal with p99 = 3.00 x mean");
    }
}
