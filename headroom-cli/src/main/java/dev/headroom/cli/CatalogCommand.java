package dev.headroom.cli;

import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.InstanceType;
import dev.headroom.model.catalog.ManagedBalancer;
import dev.headroom.model.catalog.RdsClass;
import dev.headroom.model.catalog.VolumeType;
import dev.headroom.model.spec.Names;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern TERM = Pattern.compile("\\s*([A-Za-z]+)\\s*(<=|>=|!=|=|<|>)\\s*(.+?)\\s*");

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
        switch (what.toLowerCase(Locale.ROOT)) {
            case "instances" -> instances(out, catalog);
            case "volumes" -> volumes(out, catalog);
            case "rds" -> rds(out, catalog);
            case "cache" -> cache(out, catalog);
            case "balancers" -> balancers(out, catalog);
            default -> throw new BadInputException("catalog '" + what + "': unknown table\n    fix: "
                    + Names.suggest(what, List.of("instances", "volumes", "rds", "cache", "balancers")));
        }
        return Main.OK;
    }

    private void instances(PrintWriter out, Catalog catalog) {
        Map<String, Function<InstanceType, Object>> fields = new LinkedHashMap<>();
        fields.put("name", InstanceType::name);
        fields.put("family", InstanceType::family);
        fields.put("vcpus", t -> (double) t.vcpus());
        fields.put("memory", InstanceType::memoryGiB);
        fields.put("price", InstanceType::pricePerHour);
        fields.put("burstable", t -> t.burstable() ? "true" : "false");
        fields.put(
                "baseline",
                t -> t.burst().map(InstanceType.Burst::baselinePerVcpu).orElse(1.0));
        fields.put(
                "credits",
                t -> t.burst().map(InstanceType.Burst::creditsPerHour).orElse(0.0));
        List<InstanceType> rows = catalog.instances().values().stream()
                .filter(t -> matches(t, fields))
                .toList();
        out.println(String.format(
                Locale.US,
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
                "$/month"));
        for (InstanceType t : rows) {
            String baseline = t.burst()
                    .map(b -> String.format(Locale.US, "%.1f%%", 100 * b.baselinePerVcpu()))
                    .orElse("100%");
            String credits = t.burst().map(b -> fmt(b.creditsPerHour())).orElse("-");
            String max = t.burst().map(b -> fmt(b.maxCredits())).orElse("-");
            String launch = t.burst().map(b -> fmt(b.launchCredits())).orElse("-");
            String mbps = t.ebs()
                    .map(e -> fmt(e.baselineMbps()) + "/" + fmt(e.burstMbps()))
                    .orElse("-");
            String iops = t.ebs()
                    .map(e -> fmt(e.baselineIops()) + "/" + fmt(e.burstIops()))
                    .orElse("-");
            out.println(String.format(
                    Locale.US,
                    "%-11s %5d %8s %9s %8s %9s %7s %13s %13s %9.4f %10.2f",
                    t.name(),
                    t.vcpus(),
                    fmt(t.memoryGiB()),
                    baseline,
                    credits,
                    max,
                    launch,
                    mbps,
                    iops,
                    t.pricePerHour(),
                    t.pricePerHour() * 730));
        }
        out.println();
        out.println(rows.size() + " of " + catalog.instances().size()
                + " types. Credits: one vCPU at 100% for a minute. EBS: baseline/burst.");
        out.println(
                "Sources: AWS EC2 User Guide and EC2 On-Demand Pricing (us-east-1, Linux); cited per row in instances.yaml.");
    }

    private void volumes(PrintWriter out, Catalog catalog) {
        Map<String, Function<VolumeType, Object>> fields = new LinkedHashMap<>();
        fields.put("name", VolumeType::name);
        fields.put("kind", VolumeType::kind);
        fields.put("price", VolumeType::pricePerGiBMonth);
        List<VolumeType> rows = catalog.volumes().values().stream()
                .filter(v -> matches(v, fields))
                .toList();
        out.println(String.format(
                Locale.US, "%-5s %-12s %13s  %-42s %s", "type", "kind", "size GiB", "IOPS", "$/GiB-month, extras"));
        for (VolumeType v : rows) {
            out.println(String.format(
                    Locale.US,
                    "%-5s %-12s %13s  %-42s %s",
                    v.name(),
                    v.kind(),
                    fmt(v.minSizeGiB()) + "-" + fmt(v.maxSizeGiB()),
                    iopsRule(v),
                    priceRule(v)));
        }
        out.println();
        out.println(
                "The attached instance's EBS IOPS limit caps every volume. Sources: AWS EBS User Guide and EBS pricing; cited in volumes.yaml.");
    }

    private void rds(PrintWriter out, Catalog catalog) {
        Map<String, Function<RdsClass, Object>> fields = new LinkedHashMap<>();
        fields.put("name", RdsClass::name);
        fields.put("family", c -> c.type().family());
        fields.put("vcpus", c -> (double) c.type().vcpus());
        fields.put("memory", c -> c.type().memoryGiB());
        fields.put("price", RdsClass::singleAzPricePerHour);
        fields.put("multiaz", RdsClass::multiAzPricePerHour);
        fields.put("burstable", c -> c.type().burstable() ? "true" : "false");
        List<RdsClass> rows = catalog.rdsClasses().values().stream()
                .filter(c -> matches(c, fields))
                .toList();
        out.println(String.format(
                Locale.US,
                "%-15s %5s %8s %9s %13s %13s %13s",
                "class",
                "vCPU",
                "mem GiB",
                "baseline",
                "Single-AZ $/h",
                "Multi-AZ $/h",
                "Single $/mo"));
        for (RdsClass c : rows) {
            out.println(String.format(
                    Locale.US,
                    "%-15s %5d %8s %9s %13.4f %13.4f %13.2f",
                    c.name(),
                    c.type().vcpus(),
                    fmt(c.type().memoryGiB()),
                    c.type()
                            .burst()
                            .map(b -> String.format(Locale.US, "%.1f%%", 100 * b.baselinePerVcpu()))
                            .orElse("100%"),
                    c.singleAzPricePerHour(),
                    c.multiAzPricePerHour(),
                    c.singleAzPricePerHour() * 730));
        }
        out.println();
        out.println(rows.size() + " of " + catalog.rdsClasses().size()
                + " classes (RDS for MySQL prices). Each runs on the EC2 type of its name without db.");
        out.println("Storage, Single-AZ per month (Multi-AZ twice):");
        catalog.rdsStorage()
                .values()
                .forEach(st -> out.println(String.format(
                        Locale.US,
                        "  %-4s $%.3f/GiB%s%s",
                        st.name(),
                        st.pricePerGiBMonth(),
                        st.pricePerIopsMonth() > 0
                                ? String.format(Locale.US, ", $%.3f/IOPS", st.pricePerIopsMonth())
                                        + (st.includedIops() > 0 ? " above " + fmt(st.includedIops()) : "")
                                : "",
                        st.pricePerMiBpsMonth() > 0
                                ? String.format(
                                        Locale.US,
                                        ", $%.3f/MiBps above %s",
                                        st.pricePerMiBpsMonth(),
                                        fmt(st.includedThroughputMiBps()))
                                : "")));
        out.println("Sources: AWS RDS User Guide and Amazon RDS for MySQL Pricing (us-east-1); cited in rds.yaml.");
    }

    private void cache(PrintWriter out, Catalog catalog) {
        Map<String, Function<InstanceType, Object>> fields = new LinkedHashMap<>();
        fields.put("name", InstanceType::name);
        fields.put("family", InstanceType::family);
        fields.put("vcpus", t -> (double) t.vcpus());
        fields.put("memory", InstanceType::memoryGiB);
        fields.put("price", InstanceType::pricePerHour);
        List<InstanceType> rows = catalog.cacheNodes().values().stream()
                .filter(t -> matches(t, fields))
                .toList();
        out.println(String.format(
                Locale.US, "%-18s %5s %8s %9s %10s", "node type", "vCPU", "mem GiB", "$/hour", "$/month"));
        for (InstanceType t : rows) {
            out.println(String.format(
                    Locale.US,
                    "%-18s %5d %8s %9.4f %10.2f",
                    t.name(),
                    t.vcpus(),
                    fmt(t.memoryGiB()),
                    t.pricePerHour(),
                    t.pricePerHour() * 730));
        }
        out.println();
        out.println(rows.size() + " of " + catalog.cacheNodes().size()
                + " node types (Memcached and Redis OSS cost the same). Memory: what the engine gets.");
        out.println("Sources: ElastiCache User Guide and ElastiCache Pricing (us-east-1); cited in elasticache.yaml.");
    }

    private void balancers(PrintWriter out, Catalog catalog) {
        Map<String, Function<ManagedBalancer, Object>> fields = new LinkedHashMap<>();
        fields.put("name", ManagedBalancer::name);
        fields.put("price", ManagedBalancer::pricePerHour);
        List<ManagedBalancer> rows = catalog.balancers().values().stream()
                .filter(b -> matches(b, fields))
                .toList();
        out.println(String.format(Locale.US, "%-5s %-26s %9s  %s", "type", "", "$/hour", "usage"));
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
            out.println(String.format(
                    Locale.US, "%-5s %-26s %9.4f  %s", b.name(), b.description(), b.pricePerHour(), usage));
        }
        out.println();
        out.println("A spec names one as lb.type (alb, nlb, clb), or an EC2 type for a balancer you run (HAProxy).");
        out.println("Sources: Elastic Load Balancing pricing (us-east-1); cited in balancers.yaml.");
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

    private <T> boolean matches(T row, Map<String, Function<T, Object>> fields) {
        for (String f : filters) {
            if (!matchesTerm(row, f, fields)) {
                return false;
            }
        }
        return true;
    }

    private <T> boolean matchesTerm(T row, String term, Map<String, Function<T, Object>> fields) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            String glob = "\\Q" + term.trim().replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E";
            return ((String) fields.get("name").apply(row))
                    .matches(term.contains("*") || term.contains("?") ? glob : "\\Q" + term.trim() + "\\E.*");
        }
        Function<T, Object> field = fields.get(m.group(1).toLowerCase(Locale.ROOT));
        if (field == null) {
            throw new BadInputException("--filter '" + term + "': unknown field '" + m.group(1) + "'\n    fix: "
                    + Names.suggest(m.group(1), fields.keySet()));
        }
        Object value = field.apply(row);
        String op = m.group(2);
        if (value instanceof Double d) {
            double x;
            try {
                x = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                throw new BadInputException(
                        "--filter '" + term + "': '" + m.group(3) + "' is not a number\n    fix: compare " + m.group(1)
                                + " with a number, such as " + m.group(1) + ">=4");
            }
            return switch (op) {
                case "=" -> d == x;
                case "!=" -> d != x;
                case "<" -> d < x;
                case "<=" -> d <= x;
                case ">" -> d > x;
                default -> d >= x;
            };
        }
        boolean equal = value.toString().equalsIgnoreCase(m.group(3));
        return switch (op) {
            case "=" -> equal;
            case "!=" -> !equal;
            default -> throw new BadInputException("--filter '" + term + "': " + m.group(1)
                    + " can only be compared with = or !=\n    fix: write " + m.group(1) + "=" + m.group(3));
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.US, "%,d", (long) v) : String.format(Locale.US, "%s", v);
    }
}
