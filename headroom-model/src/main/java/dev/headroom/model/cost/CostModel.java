package dev.headroom.model.cost;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.VolumeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Prices an architecture from the catalog: instance-hours at on-demand prices, volumes by GiB-month
 * and provisioned IOPS-month (a month is 730 hours, as on AWS's pricing pages), and surplus CPU
 * credits at the catalog's price per vCPU-hour (60 credits).
 */
public final class CostModel {
    public static final double HOURS_PER_MONTH = 730;

    private final Catalog catalog;

    public CostModel(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The cost of running {@code a} for {@code runSeconds}, having spent {@code surplusCredits} in
     * unlimited mode and served {@code successes} requests.
     */
    public CostSummary price(Architecture a, double runSeconds, double surplusCredits, long successes) {
        return price(a, runSeconds, OptionalDouble.empty(), surplusCredits, successes);
    }

    /**
     * As {@link #price(Architecture, double, double, long)}, for a pool whose instances came and
     * went: it is billed for {@code poolInstanceSeconds} (instance-hours as used), shown per hour as
     * the average number of instances.
     */
    public CostSummary price(
            Architecture a,
            double runSeconds,
            OptionalDouble poolInstanceSeconds,
            double surplusCredits,
            long successes) {
        Map<String, Double> items = new LinkedHashMap<>();
        List<String> unpriced = new ArrayList<>();
        Pool pool = a.pool();
        if (pool.machine().isPresent() && poolInstanceSeconds.isPresent()) {
            double average = poolInstanceSeconds.getAsDouble() / Math.max(1e-9, runSeconds);
            items.put(
                    pool.name() + " (average " + Math.round(average * 10) / 10.0 + " x "
                            + pool.machine().get().type().name() + ", billed by the second)",
                    average * pool.machine().get().type().pricePerHour());
        } else if (pool.machine().isPresent()) {
            items.put(
                    pool.name() + " (" + pool.instances() + " x "
                            + pool.machine().get().type().name() + ")",
                    pool.instances() * pool.machine().get().type().pricePerHour());
        } else {
            unpriced.add(pool.name());
        }
        a.cache().ifPresent(c -> {
            if (c.machine().isPresent()) {
                items.put(
                        "cache (" + c.nodes() + " x " + c.machine().get().type().name() + ")",
                        c.nodes() * c.machine().get().type().pricePerHour());
            } else {
                unpriced.add("cache");
            }
        });
        a.db().ifPresent(db -> priceDb(db, items, unpriced));
        double perHour =
                items.values().stream().mapToDouble(Double::doubleValue).sum();
        double surplusCost = surplusCredits / 60.0 * catalog.unlimitedSurplusPerVcpuHour();
        double runCost = perHour * runSeconds / 3600.0 + surplusCost;
        double perMillion = successes == 0 ? 0 : runCost / successes * 1e6;
        return new CostSummary(
                round(perHour),
                round(perHour * HOURS_PER_MONTH),
                round(runCost),
                round(surplusCost),
                round(perMillion),
                items,
                unpriced);
    }

    private void priceDb(Database db, Map<String, Double> items, List<String> unpriced) {
        if (db.machine().isPresent()) {
            items.put(
                    "db (" + db.machine().get().type().name() + ")",
                    db.machine().get().type().pricePerHour());
        } else {
            unpriced.add("db");
        }
        db.disk()
                .filter(d -> !d.volumeType().equals("raw"))
                .ifPresent(d -> items.put(
                        "db volume (" + d.volumeType() + ", " + (long) d.sizeGiB() + " GiB"
                                + (d.provisionedIops() > 0 ? ", " + (long) d.provisionedIops() + " IOPS" : "") + ")",
                        volumePerHour(d)));
    }

    /** A volume's price per hour: storage plus provisioned IOPS above what the type includes. */
    public double volumePerHour(Disk d) {
        VolumeType v = catalog.volume(d.volumeType()).orElseThrow();
        double month = d.sizeGiB() * v.pricePerGiBMonth();
        double iops = d.provisionedIops();
        if (v.find("pricePerIopsMonthAbove32k").isPresent()) {
            month += Math.min(iops, 32_000) * v.get("pricePerIopsMonth")
                    + Math.max(0, iops - 32_000) * v.get("pricePerIopsMonthAbove32k");
        } else if (v.find("pricePerIopsMonth").isPresent()) {
            month += Math.max(0, iops - v.find("includedIops").orElse(0)) * v.get("pricePerIopsMonth");
        }
        return month / HOURS_PER_MONTH;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
