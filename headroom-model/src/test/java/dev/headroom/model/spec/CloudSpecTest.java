package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.model.architecture.CreditMode;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.catalog.InstanceType;
import dev.headroom.model.catalog.Service;
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

    /** Before the RDS catalog this was refused with "did you mean 'r5.xlarge'", then billed at EC2's rate. */
    @Test
    void rdsClass_isAccepted_withTheHardwareOfItsEc2TypeAndRdsPrice() throws SpecException {
        Spec s = load("architecture.db.type=db.r5.xlarge", "architecture.db.volume.type=gp3");
        InstanceType t =
                s.architecture().db().orElseThrow().machine().orElseThrow().type();
        assertThat(t.service()).isEqualTo(Service.RDS);
        assertThat(t.vcpus()).isEqualTo(4);
        assertThat(t.memoryGiB()).isEqualTo(32);
        assertThat(t.pricePerHour()).isEqualTo(0.50);
        // db.r5.xlarge runs on r5.xlarge: its EBS limits cap the volume.
        assertThat(s.architecture()
                        .db()
                        .orElseThrow()
                        .disk()
                        .orElseThrow()
                        .instanceLimit()
                        .orElseThrow()
                        .baselineIops())
                .isEqualTo(6000);
        // RDS for MySQL's max_connections formula applies to the class's memory.
        assertThat(s.architecture().db().orElseThrow().connections()).isEqualTo(2730);
    }

    @Test
    void cacheNodeType_isAnElastiCacheNode_andOnlyTheCacheMayNameOne() throws SpecException {
        Spec s = load("architecture.cache={type: cache.r5.large, hitRatio: 0.5}");
        InstanceType t =
                s.architecture().cache().orElseThrow().machine().orElseThrow().type();
        assertThat(t.service()).isEqualTo(Service.ELASTICACHE);
        assertThat(t.pricePerHour()).isEqualTo(0.216);
        Problem p = problem("architecture.pool.type=cache.r5.large");
        assertThat(p.rule()).isEqualTo("unknown instance type");
    }

    @Test
    void multiAz_isAnRdsDeployment_andIsRefusedOnAnEc2Database() throws SpecException {
        assertThat(load("architecture.db.type=db.m5.large", "architecture.db.multiAz=true")
                        .architecture()
                        .db()
                        .orElseThrow()
                        .multiAz())
                .isTrue();
        Problem p = problem("architecture.db.multiAz=true");
        assertThat(p.path()).isEqualTo("architecture.db.multiAz");
        assertThat(p.rule()).contains("Multi-AZ is an RDS deployment");
        assertThat(p.fix()).contains("db.m5.large");
    }

    @Test
    void rdsDatabase_onStorageRdsDoesNotSell_isRefused() {
        Problem p = problem("architecture.db.type=db.m5.large", "architecture.db.volume={type: st1, size: 500GiB}");
        assertThat(p.rule()).isEqualTo("RDS does not offer st1 storage");
        assertThat(p.fix()).contains("gp2", "gp3", "io1");
    }

    @Test
    void balancerType_isManagedOrAnInstanceItRunsOn() throws SpecException {
        LoadBalancer alb = load("architecture.lb={type: alb, bytesPerRequest: 4KiB}")
                .architecture()
                .lb()
                .orElseThrow();
        LoadBalancer.Managed m = (LoadBalancer.Managed) alb.provider().orElseThrow();
        assertThat(m.type().name()).isEqualTo("alb");
        assertThat(m.bytesPerRequest()).isEqualTo(4096);
        assertThat(m.requestsPerConnection()).isEqualTo(1);
        LoadBalancer haproxy = load("architecture.lb={type: c5.large, count: 2}")
                .architecture()
                .lb()
                .orElseThrow();
        assertThat(((LoadBalancer.SelfRun) haproxy.provider().orElseThrow())
                        .machine()
                        .type()
                        .name())
                .isEqualTo("c5.large");
        assertThat(problem("architecture.lb={type: alv}").fix()).startsWith("did you mean 'alb'?");
        assertThat(problem("architecture.lb={type: c5.large, bytesPerRequest: 4KiB}")
                        .rule())
                .isEqualTo("only a managed balancer is billed for its traffic");
    }

    @Test
    void gravitonTypes_areInTheCatalog_andT4gEarnsCredits() throws SpecException {
        Spec s = load("architecture.pool.type=t4g.large");
        assertThat(s.architecture().pool().machine().orElseThrow().creditMode()).isEqualTo(CreditMode.UNLIMITED);
        assertThat(s.architecture().pool().machine().orElseThrow().type().pricePerHour())
                .isEqualTo(0.0672);
    }

    @Test
    void gp3Throughput_isProvisionedWithinItsRules_andOnlyOnGp3() throws SpecException {
        assertThat(load("architecture.db.volume={type: gp3, size: 100GiB, iops: 4000, throughput: 1000MiB/s}")
                        .architecture()
                        .db()
                        .orElseThrow()
                        .disk()
                        .orElseThrow()
                        .provisionedThroughputMiBps())
                .isEqualTo(1000);
        Problem ratio = problem("architecture.db.volume={type: gp3, size: 100GiB, throughput: 1000MiB/s}");
        assertThat(ratio.rule()).contains("between the 125 MiB/s included and 750 MiB/s for 3000 IOPS");
        assertThat(problem("architecture.db.volume.throughput=200MiB/s").rule())
                .isEqualTo("gp2 throughput cannot be provisioned");
    }
}
