package dev.headroom.analysis.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Calibration from a synthetic measured run whose metrics are built from known demands: 80%
 * browse (server time 2 ms), 20% pay (10 ms); 1.6 ms of CPU and 2 ms of database time (2.5
 * queries) per request; two cores, a pool of 4, 32 workers.
 */
class CalibratorTest {
    private static final Map<String, LatencySummary> CLASSES = Map.of(
            "browse",
            new LatencySummary(8000, 2, 2, 2, 2, 2, 2),
            "pay",
            new LatencySummary(2000, 10, 10, 10, 10, 10, 10));

    /** The knee the analysis finds in {@link #run}: the step offered 400/s completes 300/s. */
    private static final Double KNEE = 400.0;

    /** The demo shop's endpoint labels (docs/demo.md). */
    private static final java.util.SortedSet<String> SHOP_ENDPOINTS = new java.util.TreeSet<>(List.of(
            "basket",
            "basket_add",
            "checkout",
            "cleanup",
            "health",
            "item",
            "login",
            "menu",
            "not_found",
            "order",
            "order_status",
            "report"));

    @Test
    void matchEndpoint_journeyStep_byItsStepName_mostSpecificEndpointWins() {
        assertThat(Calibrator.matchEndpoint("browse/menu", SHOP_ENDPOINTS)).isEqualTo("menu");
        assertThat(Calibrator.matchEndpoint("browse/item-latte", SHOP_ENDPOINTS))
                .isEqualTo("item");
        assertThat(Calibrator.matchEndpoint("buy/basket-add", SHOP_ENDPOINTS)).isEqualTo("basket_add");
        assertThat(Calibrator.matchEndpoint("buy/basket-add-first", SHOP_ENDPOINTS))
                .isEqualTo("basket_add");
        assertThat(Calibrator.matchEndpoint("buy/basket", SHOP_ENDPOINTS)).isEqualTo("basket");
        assertThat(Calibrator.matchEndpoint("buy/order status", SHOP_ENDPOINTS)).isEqualTo("order_status");
        assertThat(Calibrator.matchEndpoint("buy/status", SHOP_ENDPOINTS)).isEqualTo("order_status");
        // Plain request classes as before.
        assertThat(Calibrator.matchEndpoint("order", SHOP_ENDPOINTS)).isEqualTo("order");
        assertThat(Calibrator.matchEndpoint("status", SHOP_ENDPOINTS)).isEqualTo("order_status");
    }

    @Test
    void matchEndpoint_twoUnrelatedEndpointsInTheName_isAmbiguous_andNoneIsNoMatch() {
        assertThat(Calibrator.matchEndpoint("order item", SHOP_ENDPOINTS)).isNull();
        assertThat(Calibrator.matchEndpoint("buy/latte", SHOP_ENDPOINTS)).isNull();
        assertThat(Calibrator.matchEndpoint("buy/", SHOP_ENDPOINTS)).isNull();
    }

    @Test
    void demands_byTheUtilisationLaw_belowTheKnee_andSharedOutByServerTime() throws Exception {
        Calibration c = Calibrator.calibrate(
                "r", KNEE, run(2.0, 10.0, false, ""), CLASSES, MetricNames.shop(), Map.of("pay", "checkout"));

        assertThat(c.cpuMillis().median()).isCloseTo(1.6, within(1e-9));
        assertThat(c.dbMillis().median()).isCloseTo(2.0, within(1e-9));
        assertThat(c.queries().median()).isCloseTo(2.5, within(1e-9));
        assertThat(c.cores()).isEqualTo(2);
        assertThat(c.poolSize()).isEqualTo(4);
        assertThat(c.workers()).isEqualTo(32);
        // The knee is at the 400/s step: the three steps before it are used.
        assertThat(c.levels()).hasSize(3);
        assertThat(c.kneeOfferedPerSecond()).isEqualTo(400.0);
        assertThat(c.cpuMillis().intervals()).isEqualTo(24);
        // Server time 0.8 x 2 + 0.2 x 10 = 3.6 ms = CPU + database: nothing counted twice.
        assertThat(c.overlapMillis()).isZero();
        Calibration.ClassDemand browse = c.classes().get(0);
        Calibration.ClassDemand pay = c.classes().get(1);
        assertThat(browse.endpoint()).isEqualTo("browse");
        assertThat(pay.endpoint()).isEqualTo("checkout");
        assertThat(browse.cpuMillis()).isCloseTo(1.6 * 2 / 3.6, within(1e-9));
        assertThat(pay.cpuMillis()).isCloseTo(1.6 * 10 / 3.6, within(1e-9));
        // Shared out, the mix-weighted demands add up to the measured ones.
        assertThat(0.8 * browse.cpuMillis() + 0.2 * pay.cpuMillis()).isCloseTo(1.6, within(1e-9));
        assertThat(0.8 * browse.queries() * browse.dbMillisPerQuery() + 0.2 * pay.queries() * pay.dbMillisPerQuery())
                .isCloseTo(2.0, within(1e-9));
    }

    @Test
    void embeddedDatabase_cpuCountedTwice_isTakenOutOfTheWebCpu() throws Exception {
        // The server takes 3.0 ms in all, less than CPU 1.6 + database 2.0: 0.6 ms is the same CPU.
        Calibration c = Calibrator.calibrate(
                "r", KNEE, run(1.5, 9.0, false, ""), CLASSES, MetricNames.shop(), Map.of("pay", "checkout"));
        assertThat(c.overlapMillis()).isCloseTo(0.6, within(1e-9));
        assertThat(c.webCpuMillis()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void countersTakenForGauges_areDifferenced_andEndpointPrefixesIgnored() throws Exception {
        Calibration c = Calibrator.calibrate(
                "r",
                KNEE,
                run(2.0, 10.0, true, "127.0.0.1:9100 "),
                CLASSES,
                MetricNames.shop(),
                Map.of("pay", "checkout"));
        assertThat(c.cpuMillis().median()).isCloseTo(1.6, within(1e-6));
    }

    @Test
    void unmatchedClasses_fallBackToOneClass_withANote() throws Exception {
        Calibration c =
                Calibrator.calibrate("r", KNEE, run(2.0, 10.0, false, ""), CLASSES, MetricNames.shop(), Map.of());
        assertThat(c.classes()).hasSize(1);
        assertThat(c.classes().get(0).name()).isEqualTo("all");
        assertThat(c.notes())
                .anyMatch(n -> n.contains("no 'shop_request_seconds_sum{endpoint=...}' series for class pay"));
    }

    @Test
    void mappedRole_readsAnotherName_andAMissingMetricSaysWhichAndHow() throws Exception {
        List<TimelineRecord> timeline = rename(run(2.0, 10.0, false, ""), "process_cpu_seconds_total", "app_cpu_total");
        assertThatThrownBy(() -> Calibrator.calibrate("r", KNEE, timeline, CLASSES, MetricNames.shop(), Map.of()))
                .isInstanceOf(CalibrationException.class)
                .hasMessageContaining("no 'process_cpu_seconds_total'")
                .hasMessageContaining("--metric cpu-seconds=NAME");
        Calibration c = Calibrator.calibrate(
                "r",
                KNEE,
                timeline,
                CLASSES,
                MetricNames.shop().with(MetricNames.CPU_SECONDS, "app_cpu_total"),
                Map.of());
        assertThat(c.cpuMillis().median()).isCloseTo(1.6, within(1e-9));
    }

    @Test
    void runWithoutMetrics_isRefused() {
        List<TimelineRecord> bare = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bare.add(new TimelineRecord(i, 100, 100, 100, 0, Map.of(), LatencySummary.EMPTY, Map.of()));
        }
        assertThatThrownBy(() -> Calibrator.calibrate("r", null, bare, CLASSES, MetricNames.shop(), Map.of()))
                .hasMessageContaining("no metrics scraped from the target")
                .hasMessageContaining("fix:");
    }

    @Test
    void labelValues_areReadWithEscapes() {
        assertThat(ScrapedMetrics.labelValue("x{a=\"1\",endpoint=\"/q\\\"r\"}", "endpoint"))
                .isEqualTo("/q\"r");
        assertThat(ScrapedMetrics.labelValue("x{myendpoint=\"no\"}", "endpoint"))
                .isNull();
    }

    /** Four 10 s steps (100, 200, 300, 400/s offered; the last completes 300/s). */
    private static List<TimelineRecord> run(double browseMs, double payMs, boolean rawCounters, String prefix) {
        List<TimelineRecord> out = new ArrayList<>();
        double cpuTotal = 0;
        int t = 0;
        for (double offered : new double[] {100, 200, 300, 400}) {
            double x = Math.min(offered, 300);
            for (int i = 0; i < 10; i++, t++) {
                Map<String, Double> m = new TreeMap<>();
                cpuTotal += x * 0.0016;
                if (rawCounters) {
                    m.put(prefix + "process_cpu_seconds_total", cpuTotal);
                } else {
                    m.put(prefix + "process_cpu_seconds_total/s", x * 0.0016);
                }
                m.put(prefix + "process_cpu_count", 2.0);
                m.put(prefix + "shop_db_query_seconds_sum/s", x * 0.002);
                m.put(prefix + "shop_db_query_seconds_count/s", x * 2.5);
                m.put(prefix + "shop_pool_size", 4.0);
                m.put(prefix + "shop_worker_threads", 32.0);
                endpoint(m, prefix, "browse", 0.8 * x, browseMs);
                endpoint(m, prefix, "checkout", 0.2 * x, payMs);
                double mean = offered > 300 ? 500 : 4;
                LatencySummary l = new LatencySummary((long) x, mean, mean, mean, mean, mean, mean);
                out.add(new TimelineRecord(t, offered, (long) offered, (long) x, 0, Map.of(), l, Map.of(), l, null, m));
            }
        }
        return out;
    }

    private static void endpoint(Map<String, Double> m, String prefix, String endpoint, double rate, double ms) {
        String label = "{endpoint=\"" + endpoint + "\"}/s";
        m.put(prefix + "shop_requests_total" + label, rate);
        m.put(prefix + "shop_request_seconds_sum" + label, rate * ms / 1000);
        m.put(prefix + "shop_request_seconds_count" + label, rate);
    }

    private static List<TimelineRecord> rename(List<TimelineRecord> timeline, String from, String to) {
        List<TimelineRecord> out = new ArrayList<>();
        for (TimelineRecord r : timeline) {
            Map<String, Double> m = new TreeMap<>();
            r.metrics().forEach((k, v) -> m.put(k.replace(from, to), v));
            out.add(new TimelineRecord(
                    r.t(),
                    r.offeredPerSecond(),
                    r.arrivals(),
                    r.completed(),
                    0,
                    Map.of(),
                    r.latencyMillis(),
                    Map.of(),
                    r.serviceMillis(),
                    null,
                    m));
        }
        return out;
    }
}
