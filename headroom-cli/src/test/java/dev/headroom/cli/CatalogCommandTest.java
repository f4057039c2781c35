package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.catalog.CatalogFilter;
import dev.headroom.model.catalog.CatalogFilter.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogCommandTest {
    @Test
    void instances_listEveryFamilyWithCreditsForBurstableTypes() {
        CliRun run = CliRun.of("catalog");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "t2.nano",
                        "t2.2xlarge",
                        "t3.nano",
                        "t3.2xlarge",
                        "m5.large",
                        "m5.4xlarge",
                        "c5.large",
                        "c5.4xlarge",
                        "r5.large",
                        "r5.4xlarge",
                        "t4g.nano",
                        "m6g.large",
                        "c6g.4xlarge",
                        "r6g.2xlarge");
        String t3large = run.out()
                .lines()
                .filter(l -> l.startsWith("t3.large "))
                .findFirst()
                .orElseThrow();
        // 30% of 2 vCPUs for 60 minutes = 36 credits an hour; 24 hours of them at most.
        assertThat(t3large).contains("30.0%", "36", "864", "4,000/15,700", "0.0832");
        assertThat(run.out()).contains("45 of 45 types");
    }

    @Test
    void filters_combineFieldComparisonsAndNamePatterns() {
        CliRun run = CliRun.of("catalog", "instances", "--filter", "vcpus>=8", "--filter", "price<0.4");
        assertThat(run.out())
                .contains("t2.2xlarge", "t3.2xlarge", "m5.2xlarge", "c5.2xlarge", "t4g.2xlarge", "m6g.2xlarge")
                .doesNotContain("r5.2xlarge", "m5.4xlarge", "r6g.2xlarge");
        assertThat(CliRun.of("catalog", "--filter", "*.large").out()).contains("9 of 45 types");
        assertThat(CliRun.of("catalog", "--filter", "burstable=true").out()).contains("21 of 45 types");
    }

    @Test
    void volumes_showTheRulesOfEachType() {
        CliRun run = CliRun.of("catalog", "volumes");
        assertThat(run.out()).contains("gp2", "3/GiB (min 100, max 16000), burst 3000", "gp3", "io1", "io2", "st1");
    }

    @Test
    void rds_listsSingleAndMultiAzPrices_andFiltersLikeInstances() {
        CliRun run = CliRun.of("catalog", "rds", "--filter", "db.r5.*");
        assertThat(run.exitCode()).isZero();
        String xlarge = run.out()
                .lines()
                .filter(l -> l.startsWith("db.r5.xlarge "))
                .findFirst()
                .orElseThrow();
        assertThat(xlarge).contains("32", "0.5000", "1.0000");
        assertThat(run.out())
                .contains(
                        "4 of 28 classes",
                        "gp3  $0.115/GiB, $0.020/IOPS above 3,000",
                        "io1  $0.125/GiB, $0.100/IOPS\n");
        assertThat(CliRun.of("catalog", "rds", "--filter", "multiaz<0.1").out()).contains("4 of 28 classes");
    }

    @Test
    void cacheAndBalancers_listElastiCacheNodesAndManagedBalancers() {
        CliRun cache = CliRun.of("catalog", "cache", "--filter", "memory>=50");
        assertThat(cache.out())
                .contains("cache.r5.2xlarge", "cache.m5.4xlarge", "5 of 15 node types")
                .doesNotContain("cache.r5.xlarge ");
        CliRun lb = CliRun.of("catalog", "balancers");
        assertThat(lb.out()).contains("alb", "0.0225", "25 new conn/s", "clb", "$0.008 per GB processed");
    }

    @Test
    void badFilterOrTable_exits2_withSuggestion() {
        CliRun field = CliRun.of("catalog", "--filter", "cpus>=8");
        assertThat(field.exitCode()).isEqualTo(2);
        assertThat(field.err()).contains("did you mean 'vcpus'");
        CliRun table = CliRun.of("catalog", "volume");
        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err()).contains("did you mean 'volumes'");
    }

    @Test
    void help_listsEveryFieldTheFilterReads() {
        String help = CliRun.of("catalog", "--help").out().replaceAll("\\s+", " ");
        Map<Table, String> labels = Map.of(
                Table.INSTANCES, "Instance fields:",
                Table.RDS, "RDS fields:",
                Table.CACHE, "Cache fields:",
                Table.BALANCERS, "Balancer fields:",
                Table.VOLUMES, "Volume fields:");
        labels.forEach((table, label) -> {
            int start = help.indexOf(label) + label.length();
            String listed = help.substring(start, help.indexOf('.', start)).replaceAll(" \\([^)]*\\)", "");
            assertThat(List.of(listed.trim().split(", "))).as(label).isEqualTo(CatalogFilter.fields(table));
        });
    }
}
