package dev.headroom.model.spec;

import dev.headroom.model.architecture.CreditMode;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.IoBucket;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Machine;
import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.InstanceType;
import dev.headroom.model.catalog.ManagedBalancer;
import dev.headroom.model.catalog.Service;
import dev.headroom.model.catalog.VolumeType;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads what a spec says about the cloud: the spec's own instance types, the instance type of a
 * node with its credit mode, and a database volume of a catalog type, checked against the type's
 * rules (sizes, IOPS per GiB, maximum IOPS).
 */
final class CloudReader {
    /** EBS-optimised instances may run at their burst EBS limits for 30 minutes in 24 hours (EC2 User Guide). */
    static final double INSTANCE_BURST_SECONDS = 1800;

    private static final Function<String, Double> CREDITS = Limits.CREDITS.number(Quantities::number);
    private static final Function<String, Double> IOPS = Limits.IOPS.number(Quantities::number);
    private static final Function<String, Double> MBPS = Limits.THROUGHPUT_MBPS.number(Quantities::number);

    private final Problems problems;
    private Catalog catalog = Catalog.builtIn();

    CloudReader(Problems problems) {
        this.problems = problems;
    }

    Catalog catalog() {
        return catalog;
    }

    /** Reads {@code catalog: {instances: {name: {...}}}}: the spec's own instance types. */
    void readCatalog(Node node) {
        Fields f = Fields.of(node, "catalog", problems);
        List<InstanceType> extra = new ArrayList<>();
        f.get("instances").ifPresent(n -> {
            Fields types = Fields.of(n, "catalog.instances", problems);
            for (String name : types.keys()) {
                Fields t = Fields.of(types.get(name).orElse(n), types.pathOf(name), problems);
                double vcpus = t.requiredScalar(
                                "vcpus",
                                text -> Limits.CORES.check(Quantities.wholeNumber(text)),
                                "give the type's vCPUs, such as vcpus: 4")
                        .orElse(1L);
                double memory = t.requiredScalar(
                                "memoryGiB",
                                Limits.MEMORY_GIB.number(Quantities::number),
                                "give its memory, such as memoryGiB: 16")
                        .orElse(1.0);
                double price = t.requiredScalar(
                                "pricePerHour",
                                Limits.PRICE.number(Quantities::number),
                                "give its price per hour, such as pricePerHour: 0.2")
                        .orElse(0.0);
                Optional<InstanceType.Burst> burst = Optional.empty();
                if (t.has("creditsPerHour")) {
                    double earn = t.scalar("creditsPerHour", CREDITS).orElse(0.0);
                    double max = t.requiredScalar(
                                    "maxCredits", CREDITS, "give the most credits it accrues, such as maxCredits: 576")
                            .orElse(0.0);
                    double baseline = t.requiredScalar(
                                    "baselinePerVcpu",
                                    Quantities::fraction,
                                    "give the baseline per vCPU, such as baselinePerVcpu: 20%")
                            .orElse(0.0);
                    double launch = t.scalar("launchCredits", CREDITS).orElse(0.0);
                    burst = Optional.of(new InstanceType.Burst(baseline, earn, max, launch));
                } else {
                    t.has("maxCredits");
                    t.has("baselinePerVcpu");
                    t.has("launchCredits");
                }
                Optional<InstanceType.EbsLimits> ebs = t.get("ebs").map(e -> {
                    Fields ef = Fields.of(e, t.pathOf("ebs"), problems);
                    double bi = ef.requiredScalar("baselineIops", IOPS, "give baselineIops")
                            .orElse(1.0);
                    double bu = ef.scalar("burstIops", IOPS).orElse(bi);
                    double bm = ef.scalar("baselineMbps", MBPS).orElse(0.0);
                    double um = ef.scalar("burstMbps", MBPS).orElse(bm);
                    ef.finish();
                    return new InstanceType.EbsLimits(bm, um, bi, bu);
                });
                t.finish();
                if (vcpus < 1 || memory <= 0 || price < 0) {
                    problems.add(
                            types.get(name).orElse(n),
                            types.pathOf(name),
                            name,
                            "vCPUs, memory and price must be positive",
                            "give vcpus >= 1, memoryGiB > 0 and pricePerHour >= 0");
                }
                extra.add(new InstanceType(name, (int) Math.max(1, vcpus), memory, burst, ebs, price));
            }
        });
        f.finish();
        catalog = catalog.with(extra);
    }

    /** The {@code type}, {@code creditMode} and {@code initialCredits} keys of a node on EC2. */
    Optional<Machine> machine(Fields f) {
        return machine(f, Service.EC2);
    }

    /**
     * As {@link #machine(Fields)}, for a node that may also name a type of a managed service: an
     * RDS class ({@code db.r5.xlarge}) for a database, an ElastiCache node type
     * ({@code cache.r5.large}) for a cache.
     */
    Optional<Machine> machine(Fields f, Service managed) {
        Optional<InstanceType> type = f.scalar("type", name -> instanceType(name, managed));
        Optional<CreditMode> mode = f.scalar(
                "creditMode", s -> SpecLoader.enumValue(CreditMode.class, s, List.of("standard", "unlimited")));
        Optional<Node> initial = f.get("initialCredits");
        if (type.isEmpty()) {
            if (mode.isPresent() || initial.isPresent()) {
                problems.add(
                        f.node(),
                        f.pathOf("type"),
                        null,
                        "credits need a burstable instance type",
                        "name one, such as type: t3.large");
            }
            return Optional.empty();
        }
        InstanceType t = type.get();
        if (t.burst().isEmpty() && (mode.isPresent() || initial.isPresent())) {
            problems.add(
                    f.get("type").get(),
                    f.pathOf("type"),
                    t.name(),
                    "only burstable types (t2, t3, t4g) have CPU credits",
                    "remove creditMode and initialCredits, or choose a t2, t3 or t4g type");
        }
        double credits = t.burst()
                .map(b -> initial.flatMap(n ->
                                Fields.parseScalar(n, f.pathOf("initialCredits"), s -> initialCredits(s, b), problems))
                        .orElse(b.maxCredits()))
                .orElse(0.0);
        // T2 defaults to standard mode, T3 to unlimited (EC2 User Guide, "Burstable performance instances").
        CreditMode def = t.family().equals("t2") ? CreditMode.STANDARD : CreditMode.UNLIMITED;
        return Optional.of(new Machine(t, mode.orElse(def), credits));
    }

    private InstanceType instanceType(String text, Service managed) {
        String name = text.trim();
        Map<String, InstanceType> offered = offered(managed);
        return catalog.instance(name)
                .or(() -> Optional.ofNullable(offered.get(name)))
                .orElseThrow(() -> new QuantityException(
                        "unknown instance type",
                        Names.suggest(
                                        name,
                                        names(
                                                catalog.instances().keySet(),
                                                managed == Service.ELB
                                                        ? catalog.balancers().keySet()
                                                        : offered.keySet()))
                                + "; or add it under catalog.instances"));
    }

    /** The types a managed service sells for a node, by name. */
    private Map<String, InstanceType> offered(Service managed) {
        Map<String, InstanceType> types = new LinkedHashMap<>();
        switch (managed) {
            case RDS -> catalog.rdsClasses().forEach((name, c) -> types.put(name, c.type()));
            case ELASTICACHE -> types.putAll(catalog.cacheNodes());
            default -> {}
        }
        return types;
    }

    private static List<String> names(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * What a balancer runs on: {@code type: alb} (or {@code nlb}, {@code clb}), a managed balancer
     * with the traffic that sizes its capacity units, or an instance type it runs on (HAProxy on
     * {@code c5.large}).
     */
    Optional<LoadBalancer.Provider> balancer(Fields f) {
        Optional<ManagedBalancer> managed = f.get("type")
                .filter(n -> n instanceof ScalarNode)
                .flatMap(n -> catalog.balancer(((ScalarNode) n).getValue().trim()));
        if (managed.isPresent()) {
            double bytes = f.scalar("bytesPerRequest", Limits.ITEM_BYTES.number(CloudReader::bytes))
                    .orElse(bytes(Defaults.LB_BYTES_PER_REQUEST));
            double perConnection = f.scalar(
                            "requestsPerConnection", Limits.REQUESTS_PER_CONNECTION.number(Quantities::number))
                    .orElse((double) Defaults.LB_REQUESTS_PER_CONNECTION);
            if (bytes <= 0 || perConnection < 1) {
                problems.add(
                        f.node(),
                        f.pathOf("bytesPerRequest"),
                        null,
                        "bytesPerRequest must be positive and requestsPerConnection at least 1",
                        "give bytesPerRequest: 10KiB, requestsPerConnection: 1");
            }
            return Optional.of(new LoadBalancer.Managed(managed.get(), Math.max(1, bytes), Math.max(1, perConnection)));
        }
        for (String key : List.of("bytesPerRequest", "requestsPerConnection")) {
            f.get(key)
                    .ifPresent(n -> problems.add(
                            n,
                            f.pathOf(key),
                            null,
                            "only a managed balancer is billed for its traffic",
                            "remove " + key + ", or set type: alb, nlb or clb"));
        }
        return machine(f, Service.ELB).map(LoadBalancer.SelfRun::new);
    }

    private static double initialCredits(String s, InstanceType.Burst b) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "max" -> b.maxCredits();
            case "launch" -> b.launchCredits();
            default -> {
                double v = Quantities.number(s);
                if (v < 0 || v > b.maxCredits()) {
                    throw new QuantityException(
                            "must lie between 0 and the type's maximum of " + (long) b.maxCredits(),
                            "write max, launch, or a number of credits in that range");
                }
                yield v;
            }
        };
    }

    /**
     * A volume: {@code {type: gp2, size: 100GiB}}, {@code {type: gp3, size: 200GiB, iops: 6000}},
     * {@code {type: io1, size: 100GiB, iops: 5000}}; the instance's EBS limits cap it.
     */
    Optional<Disk> volume(Node node, String path, Optional<Machine> machine) {
        Fields f = Fields.of(node, path, problems);
        Optional<VolumeType> type = f.requiredScalar(
                "type",
                s -> catalog.volume(s.trim())
                        .orElseThrow(() -> new QuantityException(
                                "unknown volume type",
                                Names.suggest(s.trim(), catalog.volumes().keySet()))),
                "name the volume type, such as type: gp3");
        Optional<Double> size = f.requiredScalar("size", CloudReader::gib, "give the size, such as size: 100GiB");
        Optional<Double> iops = f.scalar("iops", IOPS);
        Optional<Double> throughput = f.scalar("throughput", Limits.THROUGHPUT_MBPS.number(CloudReader::mibPerSecond));
        long latency = f.scalar("latency", Limits.SERVICE_SECONDS.nanos(Quantities::durationNanos))
                .orElse(Quantities.durationNanos(Defaults.VOLUME_LATENCY));
        f.finish();
        if (type.isEmpty() || size.isEmpty()) {
            return Optional.empty();
        }
        VolumeType v = type.get();
        double gib = size.get();
        if (gib < v.minSizeGiB() || gib > v.maxSizeGiB()) {
            problems.add(
                    f.get("size").get(),
                    f.pathOf("size"),
                    "a " + v.name() + " volume must be between " + (long) v.minSizeGiB() + " and "
                            + (long) v.maxSizeGiB() + " GiB",
                    "choose a size in that range");
            return Optional.empty();
        }
        Optional<IoBucket> instance = machine.flatMap(m -> m.type().ebs())
                .map(e -> new IoBucket(
                        e.baselineIops(),
                        e.burstIops(),
                        (e.burstIops() - e.baselineIops()) * INSTANCE_BURST_SECONDS,
                        (e.burstIops() - e.baselineIops()) * INSTANCE_BURST_SECONDS));
        Optional<Disk> disk =
                switch (v.kind()) {
                    case "burst" -> burstVolume(v, gib, iops, f, latency, instance);
                    case "throughput" -> throughputVolume(v, gib, iops, f, latency, instance);
                    default -> provisionedVolume(v, gib, iops, f, latency, instance);
                };
        return throughput.isEmpty() ? disk : disk.flatMap(d -> withThroughput(d, v, throughput.get(), f));
    }

    /**
     * {@code throughput: 500MiB/s} on gp3: between the 125 MiB/s included and the type's maximum,
     * and at most 0.25 MiB/s per provisioned IOPS (EBS User Guide, gp3 volumes).
     */
    private Optional<Disk> withThroughput(Disk d, VolumeType v, double mibps, Fields f) {
        if (v.find("includedThroughputMiBps").isEmpty()) {
            problems.add(
                    f.get("throughput").get(),
                    f.pathOf("throughput"),
                    v.name() + " throughput cannot be provisioned",
                    "remove throughput, or use gp3");
            return Optional.empty();
        }
        double included = v.get("includedThroughputMiBps");
        double max = Math.min(v.get("maxThroughputMiBps"), d.provisionedIops() * v.get("maxThroughputPerIops"));
        if (mibps < included || mibps > max) {
            problems.add(
                    f.get("throughput").get(),
                    f.pathOf("throughput"),
                    v.name() + " throughput is between the " + (long) included + " MiB/s included and "
                            + (long) max + " MiB/s for " + (long) d.provisionedIops() + " IOPS ("
                            + v.get("maxThroughputPerIops") + " MiB/s per IOPS, " + (long) v.get("maxThroughputMiBps")
                            + " at most)",
                    "choose a throughput in that range, or provision more IOPS");
            return Optional.empty();
        }
        return Optional.of(new Disk(
                d.iops(),
                d.latencyNanos(),
                d.volumeType(),
                d.sizeGiB(),
                d.provisionedIops(),
                d.burst(),
                d.instanceLimit(),
                mibps));
    }

    /** A throughput such as {@code 500MiB/s}, or a plain number of MiB/s. */
    static double mibPerSecond(String text) {
        String s = text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        String number = lower.endsWith("mib/s") ? s.substring(0, s.length() - "mib/s".length()) : s;
        try {
            return Quantities.number(number.trim());
        } catch (QuantityException e) {
            throw new QuantityException("not a throughput", "write a throughput such as 500MiB/s");
        }
    }

    private Optional<Disk> burstVolume(
            VolumeType v, double gib, Optional<Double> iops, Fields f, long latency, Optional<IoBucket> instance) {
        if (iops.isPresent()) {
            problems.add(
                    f.get("iops").get(),
                    f.pathOf("iops"),
                    v.name() + " IOPS follow from its size (" + (long) v.get("iopsPerGiB")
                            + " per GiB); they cannot be provisioned",
                    "remove iops and change the size, or use gp3 or io1 to provision IOPS");
            return Optional.empty();
        }
        double baseline = Math.min(v.get("maxIops"), Math.max(v.get("minIops"), v.get("iopsPerGiB") * gib));
        double burst = v.get("burstIops");
        Optional<IoBucket> bucket = baseline < burst
                ? Optional.of(new IoBucket(baseline, burst, v.get("burstCredits"), v.get("burstCredits")))
                : Optional.empty();
        return Optional.of(new Disk(baseline, latency, v.name(), gib, 0, bucket, instance));
    }

    private Optional<Disk> throughputVolume(
            VolumeType v, double gib, Optional<Double> iops, Fields f, long latency, Optional<IoBucket> instance) {
        if (iops.isPresent()) {
            problems.add(
                    f.get("iops").get(),
                    f.pathOf("iops"),
                    v.name() + " throughput follows from its size; IOPS cannot be provisioned",
                    "remove iops");
            return Optional.empty();
        }
        // st1 moves 1 MiB I/Os: baseline and burst MiB/s per TiB of size become IOPS; its bucket
        // holds up to 1 TiB of credit per TiB of size (EBS User Guide, st1 volumes).
        double tib = gib / 1024;
        double max = v.get("maxIops");
        double baseline = Math.min(max, v.get("baselineMiBpsPerTiB") * tib);
        double burst = Math.min(max, v.get("burstMiBpsPerTiB") * tib);
        double capacity = gib * 1024;
        return Optional.of(new Disk(
                baseline,
                latency,
                v.name(),
                gib,
                0,
                Optional.of(new IoBucket(baseline, burst, capacity, capacity)),
                instance));
    }

    private Optional<Disk> provisionedVolume(
            VolumeType v, double gib, Optional<Double> iops, Fields f, long latency, Optional<IoBucket> instance) {
        double included = v.find("includedIops").orElse(0);
        if (iops.isEmpty() && included == 0) {
            problems.add(
                    f.node(),
                    f.pathOf("iops"),
                    null,
                    v.name() + " volumes need provisioned IOPS",
                    "add iops, such as iops: 5000 (at most " + (long) (v.get("maxIopsPerGiB") * gib) + " for "
                            + (long) gib + " GiB)");
            return Optional.empty();
        }
        double p = iops.orElse(included);
        double maxForSize = Math.min(v.get("maxIops"), v.get("maxIopsPerGiB") * gib);
        if (p > maxForSize || p < v.find("minIops").orElse(included)) {
            problems.add(
                    f.get("iops").orElse(f.node()),
                    f.pathOf("iops"),
                    p > maxForSize
                            ? v.name() + " allows at most " + (long) v.get("maxIopsPerGiB") + " IOPS per GiB and "
                                    + (long) v.get("maxIops") + " in all, so " + (long) maxForSize + " for "
                                    + (long) gib + " GiB"
                            : "below the type's minimum of "
                                    + (long) v.find("minIops").orElse(included) + " IOPS",
                    p > maxForSize
                            ? "lower iops to " + (long) maxForSize + " or grow the volume to "
                                    + (long) Math.ceil(p / v.get("maxIopsPerGiB")) + " GiB"
                            : "raise iops");
            return Optional.empty();
        }
        return Optional.of(new Disk(p, latency, v.name(), gib, p, Optional.empty(), instance));
    }

    /** A size in bytes such as {@code 1KiB}, {@code 512B}, {@code 2MiB}. */
    static double bytes(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        Map<String, Double> units = Map.of(
                "kib",
                1024.0,
                "kb",
                1000.0,
                "mib",
                1024.0 * 1024,
                "mb",
                1e6,
                "gib",
                1024.0 * 1024 * 1024,
                "gb",
                1e9,
                "b",
                1.0);
        for (String u : List.of("kib", "kb", "mib", "mb", "gib", "gb", "b")) {
            if (lower.endsWith(u)) {
                return Quantities.finite(
                        Quantities.number(lower.substring(0, lower.length() - u.length())) * units.get(u));
            }
        }
        throw new QuantityException("not a size in bytes", "write a size such as 512B, 1KiB, 2MiB or 1GiB");
    }

    /** A size such as {@code 100GiB}, {@code 1TiB} or a plain number of GiB. */
    static double gib(String text) {
        String s = text.trim();
        Map<String, Double> units = Map.of("gib", 1.0, "gb", 1.0, "tib", 1024.0, "tb", 1024.0, "mib", 1.0 / 1024);
        String lower = s.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Double> u : units.entrySet()) {
            if (lower.endsWith(u.getKey())) {
                double v =
                        Quantities.number(s.substring(0, s.length() - u.getKey().length()));
                return Quantities.finite(v * u.getValue());
            }
        }
        try {
            return Quantities.number(s);
        } catch (QuantityException e) {
            throw new QuantityException("not a size", "write a size such as 100GiB or 1TiB");
        }
    }
}
