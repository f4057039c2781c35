package dev.headroom.model.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.Service;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Bills computed by hand, item by item, from the prices in the catalog's data files (us-east-1,
 * on-demand; a month is 730 hours). Each test names the prices it uses, so a reader can redo the
 * sums without the code.
 */
class HonestBillTest {
    private static final CostModel COST = new CostModel(Catalog.builtIn());
    private static final double CENT = 1e-6;

    private static Spec spec(String yaml) throws SpecException {
        return SpecLoader.parse("bill.yaml", yaml, List.of(), Path.of("."));
    }

    /**
     * examples/stories/ad-farm.yaml, per hour: 12 x c5.xlarge $0.17 = $2.04; 3 HAProxy balancers on
     * c5.large $0.085 = $0.255; one cache.r5.large at ElastiCache's $0.216; the MySQL primary and its
     * 2 replicas on m5.2xlarge $0.384 = $0.384 + $0.768; a 500 GiB gp3 volume on each of the three
     * (3,000 IOPS included) at $0.08 per GiB-month = $40/month each, $40/730 an hour. Steady:
     * $3.663/hour for the instances, $2,673.99 a month, plus $120 of volumes: $2,793.99. For a
     * 20-minute run whose pool was billed 14,100 instance-seconds (a killed instance replaced):
     * 14,100/3,600 x $0.17 = $0.665833 for the pool, and a third of an hour of everything else.
     */
    @Test
    void adFarm_billsReplicasBalancersAndElastiCache_itemByItem() throws SpecException {
        Spec s = SpecLoader.load(Path.of("../examples/stories/ad-farm.yaml"), List.of());
        Usage run =
                new Usage(1200, OptionalDouble.of(14_100), Usage.SurplusCredits.NONE, Usage.Traffic.NONE, 4_000_000);

        CostSummary bill = COST.price(s.architecture(), run);

        double gp3 = 500 * 0.08 / 730;
        assertThat(bill.items())
                .extracting(LineItem::service, LineItem::item, LineItem::steadyPerHour)
                .containsExactly(
                        tuple(Service.EC2, "web (12 x c5.xlarge; used 11.8 on average)", 2.04),
                        tuple(Service.EC2, "lb (3 x c5.large, self-run)", 0.255),
                        tuple(Service.ELASTICACHE, "cache (1 x cache.r5.large)", 0.216),
                        tuple(Service.EC2, "db primary (m5.2xlarge)", 0.384),
                        tuple(Service.EC2, "db replicas (2 x m5.2xlarge)", 0.768),
                        tuple(Service.EBS, "db primary storage (gp3, 500 GiB, 3000 IOPS)", round6(gp3)),
                        tuple(Service.EBS, "db replica storage (2 x gp3, 500 GiB, 3000 IOPS)", round6(2 * gp3)));
        assertThat(bill.items().get(0).eventCost()).isCloseTo(14_100 / 3600.0 * 0.17, within(CENT));
        assertThat(bill.items().get(4).eventCost()).isCloseTo(0.768 / 3, within(CENT));
        assertThat(bill.steadyPerHour()).isCloseTo(3.663 + 3 * gp3, within(1e-4));
        assertThat(bill.steadyPerMonth()).isCloseTo(2_793.99, within(0.01));
        double event = 14_100 / 3600.0 * 0.17 + (0.255 + 0.216 + 0.384 + 0.768 + 3 * gp3) / 3;
        assertThat(bill.eventCost()).isCloseTo(event, within(1e-4));
        assertThat(bill.perMillionRequests()).isCloseTo(event / 4, within(1e-4));
        assertThat(bill.unpriced()).isEmpty();
    }

    private static final String MULTI_AZ =
            """
            workload:
              profile: { constant: { rate: 1000/s, duration: 30m } }
              classes: [ { name: a, cpu: 1ms, db: { queries: 1, cpu: 1ms, io: 1 } } ]
            architecture:
              lb: { type: alb }
              pool:
                instances: 2
                type: m6g.large
                autoscaling: { min: 2, max: 6, target: { cpu: 50% } }
              cache: { type: cache.r6g.large, nodes: 2, hitRatio: 0.5 }
              db:
                engine: mysql
                type: db.r5.xlarge
                multiAz: true
                replicas: 1
                volume: { type: io1, size: 200GiB, iops: 4000 }
            """;

    /**
     * An RDS Multi-AZ database, per hour: db.r5.xlarge Multi-AZ $1.00 (Single-AZ $0.50, doubled by
     * AWS for the standby) and one read replica at the Single-AZ $0.50; RDS io1 storage at $0.125
     * per GiB-month and $0.10 per IOPS-month: 200 x 0.125 + 4,000 x 0.10 = $425 a month, doubled to
     * $850 for the Multi-AZ primary, $425 for the replica. The pool scales between 2 and 6 Graviton
     * m6g.large at $0.077: its steady figure is the minimum, 2 x $0.077; 2 cache.r6g.large at $0.206;
     * one ALB at $0.0225. Steady: $3.835076/hour, $2,799.61 a month.
     *
     * <p>The ALB's capacity units over the half-hour: 1,000 requests/s, each a new connection, is 40
     * LCUs (25 per LCU); 10 KiB a request is 1,000 x 10,240 x 3,600 / 2^30 = 34.3 GB an hour, 34.3
     * LCUs; 50 active connections are 0.017 LCUs. The most, 40 LCUs, at $0.008 for half an hour: $0.16.
     */
    @Test
    void multiAzRds_doublesInstanceAndStorage_notTheReplica_andAlbBillsItsBusiestDimension() throws SpecException {
        Usage run = new Usage(
                1800,
                OptionalDouble.of(2 * 1800 + 1800),
                Usage.SurplusCredits.NONE,
                new Usage.Traffic(1_800_000, 50),
                1_800_000);

        CostSummary bill = COST.price(spec(MULTI_AZ).architecture(), run);

        assertThat(bill.items())
                .extracting(LineItem::service, LineItem::item, LineItem::steadyPerHour)
                .containsExactly(
                        tuple(Service.EC2, "web (min 2 x m6g.large; used 3.0 on average)", 0.154),
                        tuple(Service.ELB, "lb (1 x alb)", 0.0225),
                        tuple(Service.ELB, "lb capacity units (40.00 on average)", 0.0),
                        tuple(Service.ELASTICACHE, "cache (2 x cache.r6g.large)", 0.412),
                        tuple(Service.RDS, "db primary (db.r5.xlarge, Multi-AZ)", 1.0),
                        tuple(Service.RDS, "db replicas (1 x db.r5.xlarge)", 0.5),
                        tuple(
                                Service.RDS,
                                "db primary storage (io1, 200 GiB, 4000 IOPS, Multi-AZ)",
                                round6(850 / 730.0)),
                        tuple(Service.RDS, "db replica storage (1 x io1, 200 GiB, 4000 IOPS)", round6(425 / 730.0)));
        assertThat(bill.items().get(2).eventCost()).isCloseTo(40 * 0.008 / 2, within(CENT));
        // The pool ran 3 instances on average: the event pays for them, the month for the minimum.
        assertThat(bill.items().get(0).eventCost()).isCloseTo(3 * 0.077 / 2, within(CENT));
        assertThat(bill.steadyPerHour()).isCloseTo(3.835076, within(1e-4));
        assertThat(bill.steadyPerMonth()).isCloseTo(2_799.61, within(0.01));
    }

    /**
     * A spike run: the group's minimum is 2 c5.large ($0.085) but it ran 8 on average for the hour.
     * The event pays for 8 ($0.68); the month is the minimum's, 2 x $0.085 x 730 = $124.10, not the
     * peak's $496.40.
     */
    @Test
    void spikeRun_monthlyFigureIsTheAutoscalingMinimum_notThePeakTimes730Hours() throws SpecException {
        Spec s = spec(
                """
                workload:
                  profile: { constant: { rate: 10/s, duration: 1h } }
                  classes: [ { name: a, cpu: 1ms } ]
                architecture:
                  lb: { type: c5.large }
                  pool:
                    instances: 4
                    type: c5.large
                    autoscaling: { min: 2, max: 10, target: { cpu: 50% } }
                """);
        Usage run = new Usage(3600, OptionalDouble.of(8 * 3600), Usage.SurplusCredits.NONE, Usage.Traffic.NONE, 0);

        CostSummary bill = COST.price(s.architecture(), run);

        assertThat(bill.items().get(0).eventCost()).isCloseTo(0.68, within(CENT));
        assertThat(bill.steadyPerMonth()).isCloseTo((2 + 1) * 0.085 * 730, within(1e-4));
    }

    /** A classic ELB bills $0.025 an hour and $0.008 per GB: 1 GiB processed in an hour is $0.033. */
    @Test
    void classicBalancer_billsPerGbProcessed() throws SpecException {
        Spec s = spec(
                """
                workload:
                  profile: { constant: { rate: 1/s, duration: 1h } }
                  classes: [ { name: a, cpu: 1ms } ]
                architecture:
                  lb: { type: clb, bytesPerRequest: 1MiB }
                  pool: { instances: 1, type: c5.large }
                """);
        Usage run =
                new Usage(3600, OptionalDouble.empty(), Usage.SurplusCredits.NONE, new Usage.Traffic(1024, 1), 1024);

        CostSummary bill = COST.price(s.architecture(), run);

        assertThat(bill.items())
                .extracting(LineItem::item, LineItem::eventCost)
                .containsExactly(
                        tuple("web (1 x c5.large)", 0.085),
                        tuple("lb (1 x clb)", 0.025),
                        tuple("lb data processed (1.000 GB)", 0.008));
    }

    /**
     * Surplus credits are billed by the service that sells the node: 600 credits (10 vCPU-hours) on
     * the pool at EC2's $0.05, on an RDS db.t3 class at RDS's $0.075.
     */
    @Test
    void surplusCredits_atEc2AndRdsPrices() throws SpecException {
        Spec s = spec(
                """
                workload:
                  profile: { constant: { rate: 1/s, duration: 1h } }
                  classes: [ { name: a, cpu: 1ms, db: { queries: 1, cpu: 1ms } } ]
                architecture:
                  pool: { instances: 1, type: t3.large }
                  db: { type: db.t3.large }
                """);
        Usage run =
                new Usage(3600, OptionalDouble.empty(), new Usage.SurplusCredits(600, 600), Usage.Traffic.NONE, 3600);

        CostSummary bill = COST.price(s.architecture(), run);

        assertThat(bill.items())
                .extracting(LineItem::service, LineItem::item, LineItem::eventCost)
                .containsSubsequence(
                        tuple(Service.RDS, "db primary (db.t3.large)", 0.136),
                        tuple(Service.EC2, "web surplus credits (600.0)", 0.5),
                        tuple(Service.RDS, "db surplus credits (600.0)", 0.75));
        assertThat(bill.surplusCreditsCost()).isCloseTo(1.25, within(1e-9));
        assertThat(bill.unpriced()).isEmpty();
    }

    /**
     * A gp3 volume of 200 GiB with 6,000 IOPS and 500 MiB/s on EBS: 200 x $0.08 + (6,000 - 3,000) x
     * $0.005 + (500 - 125) x $0.04 = $16 + $15 + $15 = $46 a month. The same as RDS gp3 storage:
     * 200 x $0.115 + 3,000 x $0.02 + 375 x $0.08 = $23 + $60 + $30 = $113 a month.
     */
    @Test
    void gp3Volume_billsStorageIopsAndThroughputAboveWhatIsIncluded() throws SpecException {
        String yaml =
                """
                workload:
                  profile: { constant: { rate: 1/s, duration: 1h } }
                  classes: [ { name: a, cpu: 1ms, db: { queries: 1, cpu: 1ms, io: 1 } } ]
                architecture:
                  pool: { instances: 1 }
                  db: { type: m5.large, volume: { type: gp3, size: 200GiB, iops: 6000, throughput: 500MiB/s } }
                """;
        CostSummary ebs = COST.price(spec(yaml).architecture(), Usage.of(3600));
        CostSummary rds =
                COST.price(spec(yaml.replace("m5.large", "db.m5.large")).architecture(), Usage.of(3600));

        assertThat(ebs.items())
                .extracting(LineItem::item, LineItem::steadyPerHour)
                .contains(tuple("db primary storage (gp3, 200 GiB, 6000 IOPS, 500 MiB/s)", round6(46 / 730.0)));
        assertThat(rds.items())
                .extracting(LineItem::service, LineItem::steadyPerHour)
                .contains(tuple(Service.RDS, round6(113 / 730.0)));
        assertThat(ebs.unpriced()).containsExactly("web");
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
