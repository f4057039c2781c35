package dev.headroom.cli;

import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.CatalogFilter;
import dev.headroom.model.catalog.CatalogFilterException;
import dev.headroom.model.catalog.InstanceType;
import dev.headroom.model.catalog.ManagedBalancer;
import dev.headroom.model.catalog.RdsClass;
import dev.headroom.model.catalog.RdsStorage;
import dev.headroom.model.catalog.VolumeType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code headroom catalog}: the types a spec can name, as tables: EC2 instances and EBS volumes,
 * RDS classes and storage, ElastiCache nodes, managed balancers.
 */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "Print the catalog of EC2 instance types, EBS volume types, RDS classes and storage,"
                + " ElastiCache node types or managed balancers (us-east-1, on-demand).",
        footer = {
            "",
            "Filters: a name pattern (t3.*, *.large) or FIELD OP VALUE with OP one of = != < <= > >=.",
            "Instance fields: name, family, vcpus, memory, price, burstable, baseline, credits.",
            "RDS fields: name, family, vcpus, memory, price (Single-AZ), multiaz (Multi-AZ price), burstable.",
            "Cache fields: name, family, vcpus, memory, price. Balancer fields: name, price.",
            "Volume fields: name, kind, price.",
            "Example: headroom catalog instances --filter 'vcpus>=4' --filter 'price<0.2'",
            "         headroom catalog rds --filter 'db.r6g.*'"
        })
final class CatalogCommand implements Callable<Integer> {
    /** Hours in a month as AWS prices them (365 days x 24 hours / 12). */
    private static final int HOURS_PER_MONTH = 730;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "WHAT",
            defaultValue = "instances",
            description = "instances, volumes, rds, cache or balancers (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(
            names = "--filter",
            paramLabel = "TERM",
            description = "Keep rows matching TERM (repeatable; all must match).")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        Catalog catalog = Catalog.builtIn();
        CatalogFilter filter;
        try {
            filter = CatalogFilter.parse(CatalogFilter.Table.named(what), filters);
        } catch (CatalogFilterException e) {
            throw new BadInputException(e.getMessage());
        }
        switch (filter.table()) {
            case INSTANCES -> instances(out, catalog, filter.instances(catalog));
            case VOLUMES -> volumes(out, filter.volumes(catalog));
            case RDS -> rds(out, catalog, filter.rdsClasses(catalog));
            case CACHE -> cache(out, catalog, filter.cacheNodes(catalog));
            case BALANCERS -> balancers(out, filter.balancers(catalog));
        }
        return Main.OK;
    }

    private static void instances(PrintWriter out, Catalog catalog, List<InstanceType> rows) {
        line(
                out,
                "%-11s %5s %8s %9s %8s %9s %7s %13s %13s %9s %10s",
                "type",
                "vCPU",
                "mem GiB",
                "baseline",
                "cred/h",
                "max cred",
                "launch",
                "EBS Mbps",
                "EBS IOPS",
                "$/hour",
                "$/month");
        for (InstanceType t : rows) {
            line(
                    out,
                    "%-11s %5d %8s %9s %8s %9s %7s %13s %13s %9.4f %10.2f",
                    t.name(),
                    t.vcpus(),
                    fmt(t.memoryGiB()),
                    baseline(t),
                    t.burst().map(b -> fmt(b.creditsPerHour())).orElse("-"),
                    t.burst().map(b -> fmt(b.maxCredits())).orElse("-"),
                    t.burst().map(b -> fmt(b.launchCredits())).orElse("-"),
                    t.ebs()
                            .map(e -> fmt(e.baselineMbps()) + "/" + fmt(e.burstMbps()))
                            .orElse("-"),
                    t.ebs()
                            .map(e -> fmt(e.baselineIops()) + "/" + fmt(e.burstIops()))
                            .orElse("-"),
                    t.pricePerHour(),
                    t.pricePerHour() * HOURS_PER_MONTH);
        }
        out.println();
        out.println(rows.size() + " of " + catalog.instances().size()
                + " types. Credits: one vCPU at 100% for a minute. EBS: baseline/burst.");
        out.println(
                "Sources: AWS EC2 User Guide and EC2 On-Demand Pricing (us-east-1, Linux); cited per row in instances.yaml.");
    }

    private static void volumes(PrintWriter out, List<VolumeType> rows) {
        String format = "%-5s %-12s %13s  %-42s %s";
        line(out, format, "type", "kind", "size GiB", "IOPS", "$/GiB-month, extras");
        for (VolumeType v : rows) {
            line(
                    out,
                    format,
                    v.name(),
                    v.kind(),
                    fmt(v.minSizeGiB()) + "-" + fmt(v.maxSizeGiB()),
                    iopsRule(v),
                    priceRule(v));
        }
        out.println();
        out.println(
                "The attached instance's EBS IOPS limit caps every volume. Sources: AWS EBS User Guide and EBS pricing; cited in volumes.yaml.");
    }

    private static void rds(PrintWriter out, Catalog catalog, List<RdsClass> rows) {
        line(
                out,
                "%-15s %5s %8s %9s %13s %13s %13s",
                "class",
                "vCPU",
                "mem GiB",
                "baseline",
                "Single-AZ $/h",
                "Multi-AZ $/h",
                "Single $/mo");
        for (RdsClass c : rows) {
            line(
                    out,
                    "%-15s %5d %8s %9s %13.4f %13.4f %13.2f",
                    c.name(),
                    c.type().vcpus(),
                    fmt(c.type().memoryGiB()),
                    baseline(c.type()),
                    c.singleAzPricePerHour(),
                    c.multiAzPricePerHour(),
                    c.singleAzPricePerHour() * HOURS_PER_MONTH);
        }
        out.println();
        out.println(rows.size() + " of " + catalog.rdsClasses().size()
                + " classes (RDS for MySQL prices). Each runs on the EC2 type of its name without db.");
        out.println("Storage, Single-AZ per month (Multi-AZ twice):");
        catalog.rdsStorage()
                .values()
                .forEach(st -> line(
                        out,
                        "  %-4s $%.3f/GiB%s%s",
                        st.name(),
                        st.pricePerGiBMonth(),
                        iopsPrice(st),
                        throughputPrice(st)));
        out.println("Sources: AWS RDS User Guide and Amazon RDS for MySQL Pricing (us-east-1); cited in rds.yaml.");
    }

    private static String iopsPrice(RdsStorage st) {
        if (st.pricePerIopsMonth() <= 0) {
            return "";
        }
        return String.format(Locale.US, ", $%.3f/IOPS", st.pricePerIopsMonth())
                + (st.includedIops() > 0 ? " above " + fmt(st.includedIops()) : "");
    }

    private static String throughputPrice(RdsStorage st) {
        if (st.pricePerMiBpsMonth() <= 0) {
            return "";
        }
        return String.format(
                Locale.US, ", $%.3f/MiBps above %s", st.pricePerMiBpsMonth(), fmt(st.includedThroughputMiBps()));
    }

    private static void cache(PrintWriter out, Catalog catalog, List<InstanceType> rows) {
        line(out, "%-18s %5s %8s %9s %10s", "node type", "vCPU", "mem GiB", "$/hour", "$/month");
        for (InstanceType t : rows) {
            line(
                    out,
                    "%-18s %5d %8s %9.4f %10.2f",
                    t.name(),
                    t.vcpus(),
                    fmt(t.memoryGiB()),
                    t.pricePerHour(),
                    t.pricePerHour() * HOURS_PER_MONTH);
        }
        out.println();
        out.println(rows.size() + " of " + catalog.cacheNodes().size()
                + " node types (Memcached and Redis OSS cost the same). Memory: what the engine gets.");
        out.println("Sources: ElastiCache User Guide and ElastiCache Pricing (us-east-1); cited in elasticache.yaml.");
    }

    private static void balancers(PrintWriter out, List<ManagedBalancer> rows) {
        line(out, "%-5s %-26s %9s  %s", "type", "", "$/hour", "usage");
        for (ManagedBalancer b : rows) {
            String usage = b.unit()
                    .map(u -> String.format(
                            Locale.US,
                            "$%.3f per unit-hour; a unit: %s new conn/s, %s active, %s GB/hour",
                            u.pricePerHour(),
                            fmt(u.newConnectionsPerSecond()),
                            fmt(u.activeConnections()),
                            fmt(u.gbPerHour())))
                    .orElse(String.format(Locale.US, "$%.3f per GB processed", b.pricePerGb()));
            line(out, "%-5s %-26s %9.4f  %s", b.name(), b.description(), b.pricePerHour(), usage);
        }
        out.println();
        out.println("A spec names one as lb.type (alb, nlb, clb), or an EC2 type for a balancer you run (HAProxy).");
        out.println("Sources: Elastic Load Balancing pricing (us-east-1); cited in balancers.yaml.");
    }

    /** A burstable type's baseline per vCPU as a percentage; 100% for the others. */
    private static String baseline(InstanceType t) {
        return t.burst()
                .map(b -> String.format(Locale.US, "%.1f%%", 100 * b.baselinePerVcpu()))
                .orElse("100%");
    }

    private static void line(PrintWriter out, String format, Object... cells) {
        out.println(String.format(Locale.US, format, cells));
    }

    private static String iopsRule(VolumeType v) {
        return switch (v.name()) {
            case "gp2" -> "3/GiB (min 100, max 16000), burst 3000";
            case "st1" -> "max 500 (1 MiB), 40-250 MiB/s per TiB";
            default -> v.find("includedIops").isPresent()
                    ? fmt(v.get("includedIops")) + " incl., up to " + fmt(v.get("maxIops")) + " ("
                            + fmt(v.get("maxIopsPerGiB")) + "/GiB)"
                    : "provisioned " + fmt(v.get("minIops")) + "-" + fmt(v.get("maxIops")) + " ("
                            + fmt(v.get("maxIopsPerGiB")) + "/GiB)";
        };
    }

    private static String priceRule(VolumeType v) {
        String s = String.format(Locale.US, "%.3f", v.pricePerGiBMonth());
        if (v.find("pricePerIopsMonth").isPresent()) {
            s += String.format(Locale.US, ", %.3f/IOPS", v.get("pricePerIopsMonth"));
        }
        return s;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.US, "%,d", (long) v) : String.format(Locale.US, "%s", v);
    }
}
