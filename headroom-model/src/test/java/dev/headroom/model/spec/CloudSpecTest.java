package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.model.architecture.CreditMode;
import dev.headroom.model.architecture.Disk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudSpecTest {
    private static final String BASE =
            """
            workload:
              profile: { constant: { rate: 10/s, duration: 10s } }
              classes: [ { name: a, cpu: 1ms, db: { queries: 1, cpu: 1ms, io: 1 } } ]
            architecture:
              lb: {}
              pool: { instances: 2, type: t3.large }
              db: { engine: mysql, type: m5.large, volume: { type: gp2, size: 100GiB } }
            """;

    private static Spec load(String... overrides) throws SpecException {
        return SpecLoader.parse("cloud.yaml", BASE, List.of(overrides), Path.of("."));
    }

    private static Problem problem(String... overrides) {
        try {
            load(overrides);
        } catch (SpecException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("no problem reported");
    }

    @Test
    void instanceTypes_giveCoresCreditsAndDefaults() throws SpecException {
        Spec s = load();
        assertThat(s.architecture().pool().cores()).isEqualTo(2);
        assertThat(s.architecture().pool().machine().orElseThrow().creditMode()).isEqualTo(CreditMode.UNLIMITED);
        assertThat(s.architecture().pool().machine().orElseThrow().initialCredits())
                .isEqualTo(864);
        Spec t2 = load("architecture.pool.type=t2.medium", "architecture.pool.initialCredits=launch");
        assertThat(t2.architecture().pool().machine().orElseThrow().creditMode())
                .isEqualTo(CreditMode.STANDARD);
        assertThat(t2.architecture().pool().machine().orElseThrow().initialCredits())
                .isEqualTo(60);
        Disk gp2 = s.architecture().db().orElseThrow().disk().orElseThrow();
        assertThat(gp2.iops()).isEqualTo(300);
        assertThat(gp2.burst().orElseThrow().burstIops()).isEqualTo(3000);
        assertThat(gp2.burst().orElseThrow().capacity()).isEqualTo(5_400_000);
        // m5.large: 3,600 IOPS baseline, 18,750 burst for 30 minutes a day.
        assertThat(gp2.instanceLimit().orElseThrow().baselineIops()).isEqualTo(3600);
        assertThat(gp2.instanceLimit().orElseThrow().capacity()).isEqualTo((18_750 - 3_600) * 1800.0);
    }

    @Test
    void specsMayAddTheirOwnInstanceTypes() throws SpecException {
        String yaml = BASE.replace(
                        "workload:",
                        "catalog:\n  instances:\n    big.box: { vcpus: 48, memoryGiB: 192, pricePerHour: 2.5 }\nworkload:")
                .replace("type: t3.large", "type: big.box");
        Spec s = SpecLoader.parse("cloud.yaml", yaml, List.of(), Path.of("."));
        assertThat(s.architecture().pool().cores()).isEqualTo(48);
        assertThat(s.architecture().pool().machine().orElseThrow().type().pricePerHour())
                .isEqualTo(2.5);
    }

    @Test
    void unknownInstanceType_listsTheClosestNames() {
        Problem p = problem("architecture.pool.type=t3.lage");
        assertThat(p.rule()).isEqualTo("unknown instance type");
        assertThat(p.fix()).startsWith("did you mean 't3.large'?").contains("catalog.instances");
        assertThat(p.source()).startsWith("--set ");
    }

    @Test
    void unknownVolumeType_listsTheValidOnes() {
        Problem p = problem("architecture.db.volume={type: gp4, size: 100GiB}");
        assertThat(p.rule()).isEqualTo("unknown volume type");
        assertThat(p.fix()).contains("gp2", "gp3", "io1", "io2", "st1");
    }

    @Test
    void gp2LargerThanItsMaximum_isRejected() {
        Problem p = problem("architecture.db.volume.size=20TiB");
        assertThat(p.rule()).isEqualTo("a gp2 volume must be between 1 and 16384 GiB");
    }

    @Test
    void provisionedIopsAboveTheTypesRatio_isRejectedWithTheSizeThatWouldAllowThem() {
        Problem p = problem("architecture.db.volume={type: io1, size: 100GiB, iops: 8000}");
        assertThat(p.rule()).contains("at most 50 IOPS per GiB", "5000 for 100 GiB");
        assertThat(p.fix()).contains("grow the volume to 160 GiB");
    }

    @Test
    void gp2WithProvisionedIops_isRejected() {
        assertThat(problem("architecture.db.volume.iops=3000").rule()).contains("follow from its size");
    }

    @Test
    void poolWithNoInstances_isRejected() {
        Problem p = problem("architecture.pool.instances=0");
        assertThat(p.path()).isEqualTo("architecture.pool.instances");
        assertThat(p.rule()).isEqualTo("must be at least 1");
    }

    @Test
    void creditsOnAFixedPerformanceType_areRejected() {
        assertThat(problem("architecture.pool.type=c5.large", "architecture.pool.creditMode=standard")
                        .rule())
                .contains("only burstable types");
    }

    @Test
    void badInput_isAlwaysASpecException() {
        assertThatThrownBy(() -> load("architecture.db.engine=oracle"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("1 problem");
    }
}
