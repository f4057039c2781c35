package dev.headroom.model.cost;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Machine;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.InstanceType;
import dev.headroom.model.catalog.ManagedBalancer;
import dev.headroom.model.catalog.RdsStorage;
import dev.headroom.model.catalog.Service;
import dev.headroom.model.catalog.VolumeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prices every node of an architecture as the service it really is: pool instances on EC2, the
 * database's primaries, standbys and replicas (on EC2, or RDS classes at RDS's Single-AZ or
 * Multi-AZ rate), cache nodes (on EC2, or ElastiCache nodes), balancers (instances you run, or
 * managed ones by the hour and for their capacity units), every database node's volume (EBS, or
 * RDS storage), and surplus CPU credits. A month is 730 hours, as on AWS's pricing pages.
 */
public final class CostModel {
    public static final double HOURS_PER_MONTH = 730;
    /** ELB bills processed bytes by the GB, which AWS counts in GiB (2^30 bytes). */
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    private final Catalog catalog;

    public CostModel(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The bill of {@code a} for a run that used {@code usage}. */
    public CostSummary price(Architecture a, Usage usage) {
        Bill bill = new Bill(usage.seconds() / 3600.0);
        pool(a.pool(), usage, bill);
        a.lb().ifPresent(lb -> balancer(lb, usage, bill));
        a.cache().ifPresent(c -> cache(c, bill));
        a.db().ifPresent(db -> database(db, bill));
        surplus(a, usage.surplus(), bill);
        return bill.summary(usage.successes());
    }

    private void pool(Pool pool, Usage usage, Bill bill) {
        if (pool.machine().isEmpty()) {
            bill.unpriced.add(pool.name());
            return;
        }
        InstanceType type = pool.machine().get().type();
        // The steady pool is its baseline: the group's minimum, else its count.
        int steady = pool.autoscaling().map(Autoscaling::min).orElse(pool.instances());
        double event = usage.poolInstanceSeconds().isPresent()
                ? usage.poolInstanceSeconds().getAsDouble() / 3600.0 * type.pricePerHour()
                : pool.instances() * type.pricePerHour() * bill.hours;
        String used = usage.poolInstanceSeconds().isPresent()
                ? String.format(
                        Locale.US,
                        "; used %.1f on average",
                        usage.poolInstanceSeconds().getAsDouble() / Math.max(1e-9, usage.seconds()))
                : "";
        String count = pool.autoscaling().isPresent() ? "min " + steady : String.valueOf(steady);
        bill.add(
                type.service(),
                pool.name() + " (" + count + " x " + type.name() + used + ")",
                steady * type.pricePerHour(),
                event);
    }

    private void balancer(LoadBalancer lb, Usage usage, Bill bill) {
        if (lb.provider().isEmpty()) {
            bill.unpriced.add("lb");
            return;
        }
        LoadBalancer.Provider provider = lb.provider().get();
        if (provider instanceof LoadBalancer.Managed m) {
            managed(lb.count(), m, usage, bill);
        } else if (provider instanceof LoadBalancer.SelfRun s) {
            InstanceType type = s.machine().type();
            bill.steady(
                    type.service(),
                    "lb (" + lb.count() + " x " + type.name() + ", self-run)",
                    lb.count() * type.pricePerHour());
        }
    }

    /** A managed balancer: its hours, and its capacity units (or GB) from the run's traffic. */
    private void managed(int count, LoadBalancer.Managed m, Usage usage, Bill bill) {
        ManagedBalancer type = m.type();
        bill.steady(Service.ELB, "lb (" + count + " x " + type.name() + ")", count * type.pricePerHour());
        double seconds = Math.max(1e-9, usage.seconds());
        double requests = usage.traffic().requests();
        double gb = requests * m.bytesPerRequest() / BYTES_PER_GB;
        if (type.unit().isPresent()) {
            ManagedBalancer.CapacityUnit unit = type.unit().get();
            double units = unit.units(
                    requests / m.requestsPerConnection() / seconds,
                    usage.traffic().meanActiveConnections(),
                    gb / seconds * 3600);
            bill.add(
                    Service.ELB,
                    String.format(Locale.US, "lb capacity units (%.2f on average)", units),
                    0,
                    units * unit.pricePerHour() * bill.hours);
        }
        if (type.pricePerGb() > 0) {
            bill.add(
                    Service.ELB,
                    String.format(Locale.US, "lb data processed (%.3f GB)", gb),
                    0,
                    gb * type.pricePerGb());
        }
    }

    private void cache(Cache c, Bill bill) {
        if (c.machine().isEmpty()) {
            bill.unpriced.add("cache");
            return;
        }
        InstanceType type = c.machine().get().type();
        bill.steady(type.service(), "cache (" + c.nodes() + " x " + type.name() + ")", c.nodes() * type.pricePerHour());
    }

    /**
     * Every shard has a primary and its replicas, each with its own volume; a Multi-AZ primary
     * also pays for its standby, instance and storage (RDS pricing: Multi-AZ is twice Single-AZ).
     */
    private void database(Database db, Bill bill) {
        if (db.machine().isEmpty()) {
            bill.unpriced.add("db");
        } else {
            InstanceType type = db.machine().get().type();
            double primary = db.multiAz()
                    ? catalog.rdsClass(type.name()).orElseThrow().multiAzPricePerHour()
                    : type.pricePerHour();
            bill.steady(
                    type.service(),
                    "db primary (" + shards(db) + type.name() + (db.multiAz() ? ", Multi-AZ" : "") + ")",
                    db.shards() * primary);
            if (db.replicas() > 0) {
                bill.steady(
                        type.service(),
                        "db replicas (" + db.shards() * db.replicas() + " x " + type.name() + ")",
                        db.shards() * db.replicas() * type.pricePerHour());
            }
        }
        db.disk().filter(d -> !d.volumeType().equals("raw")).ifPresent(d -> volumes(db, d, bill));
    }

    private void volumes(Database db, Disk d, Bill bill) {
        boolean rds = db.machine().map(m -> m.type().service() == Service.RDS).orElse(false);
        Service service = rds ? Service.RDS : Service.EBS;
        double each = rds ? rdsStoragePerHour(d) : volumePerHour(d);
        String what = d.volumeType() + ", " + (long) d.sizeGiB() + " GiB"
                + (d.provisionedIops() > 0 ? ", " + (long) d.provisionedIops() + " IOPS" : "")
                + (d.provisionedThroughputMiBps() > 0 ? ", " + (long) d.provisionedThroughputMiBps() + " MiB/s" : "");
        bill.steady(
                service,
                "db primary storage (" + shards(db) + what + (db.multiAz() ? ", Multi-AZ" : "") + ")",
                db.shards() * each * (db.multiAz() ? 2 : 1));
        if (db.replicas() > 0) {
            bill.steady(
                    service,
                    "db replica storage (" + db.shards() * db.replicas() + " x " + what + ")",
                    db.shards() * db.replicas() * each);
        }
    }

    private static String shards(Database db) {
        return db.shards() > 1 ? db.shards() + " shards x " : "";
    }

    /** Surplus credits at EC2's price for the pool, RDS's for an RDS database. */
    private void surplus(Architecture a, Usage.SurplusCredits credits, Bill bill) {
        if (credits.pool() > 0) {
            bill.surplus(Service.EC2, a.pool().name(), credits.pool(), catalog.unlimitedSurplusPerVcpuHour());
        }
        if (credits.db() > 0) {
            boolean rds = a.db().flatMap(Database::machine)
                    .map(Machine::type)
                    .map(t -> t.service() == Service.RDS)
                    .orElse(false);
            bill.surplus(
                    rds ? Service.RDS : Service.EC2,
                    "db",
                    credits.db(),
                    rds ? catalog.rdsSurplusPerVcpuHour() : catalog.unlimitedSurplusPerVcpuHour());
        }
    }

    /** An EBS volume's price per hour: storage, plus provisioned IOPS and throughput above what the type includes. */
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
        if (v.find("pricePerMiBpsMonth").isPresent()) {
            month += Math.max(0, d.provisionedThroughputMiBps() - v.get("includedThroughputMiBps"))
                    * v.get("pricePerMiBpsMonth");
        }
        return month / HOURS_PER_MONTH;
    }

    /** The same volume as RDS storage, Single-AZ: RDS's own prices per GiB and per IOPS. */
    public double rdsStoragePerHour(Disk d) {
        RdsStorage s = catalog.rdsStorage(d.volumeType()).orElseThrow();
        double month = d.sizeGiB() * s.pricePerGiBMonth()
                + Math.max(0, d.provisionedIops() - s.includedIops()) * s.pricePerIopsMonth()
                + Math.max(0, d.provisionedThroughputMiBps() - s.includedThroughputMiBps()) * s.pricePerMiBpsMonth();
        return month / HOURS_PER_MONTH;
    }

    /** The bill as it is drawn up: line items and the nodes that could not be priced. */
    private static final class Bill {
        final double hours;
        final List<LineItem> items = new ArrayList<>();
        final List<String> unpriced = new ArrayList<>();
        double surplusCost;

        Bill(double hours) {
            this.hours = hours;
        }

        /** A node that runs for the whole run at its steady price. */
        void steady(Service service, String item, double perHour) {
            add(service, item, perHour, perHour * hours);
        }

        void add(Service service, String item, double perHour, double event) {
            // Items keep six decimals, so a short run's share of a cheap node still shows.
            items.add(new LineItem(service, item, round6(perHour), round6(event)));
        }

        /** Credits are vCPU-minutes: 60 make the vCPU-hour AWS prices. */
        void surplus(Service service, String node, double credits, double perVcpuHour) {
            double cost = credits / 60.0 * perVcpuHour;
            surplusCost += cost;
            add(service, String.format(Locale.US, "%s surplus credits (%.1f)", node, credits), 0, cost);
        }

        CostSummary summary(long successes) {
            double perHour = items.stream().mapToDouble(LineItem::steadyPerHour).sum();
            double event = items.stream().mapToDouble(LineItem::eventCost).sum();
            return new CostSummary(
                    round(event),
                    round(perHour),
                    round(perHour * HOURS_PER_MONTH),
                    round(surplusCost),
                    successes == 0 ? 0 : round(event / successes * 1e6),
                    items,
                    unpriced);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
