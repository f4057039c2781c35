package dev.headroom.model.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The instance and volume types Headroom knows, read from the data files beside this class: EC2
 * instance types and EBS volume types, RDS classes and storage, ElastiCache node types and
 * managed balancers.
 */
public final class Catalog {
    private static final Catalog BUILT_IN = load();

    private final Map<String, InstanceType> instances;
    private final Map<String, VolumeType> volumes;
    private final double unlimitedSurplusPerVcpuHour;
    private final Managed managed;

    /** What the managed services sell, which a spec cannot extend. */
    private record Managed(
            Map<String, RdsClass> rdsClasses,
            Map<String, RdsStorage> rdsStorage,
            double rdsSurplusPerVcpuHour,
            Map<String, InstanceType> cacheNodes,
            Map<String, ManagedBalancer> balancers) {}

    private Catalog(
            Map<String, InstanceType> instances, Map<String, VolumeType> volumes, double surplus, Managed managed) {
        this.instances = Collections.unmodifiableMap(instances);
        this.volumes = Collections.unmodifiableMap(volumes);
        this.unlimitedSurplusPerVcpuHour = surplus;
        this.managed = managed;
    }

    public static Catalog builtIn() {
        return BUILT_IN;
    }

    /** This catalog plus (or overriding) the given instance types, as a spec may add its own. */
    public Catalog with(List<InstanceType> extra) {
        Map<String, InstanceType> all = new LinkedHashMap<>(instances);
        extra.forEach(t -> all.put(t.name(), t));
        return new Catalog(all, new LinkedHashMap<>(volumes), unlimitedSurplusPerVcpuHour, managed);
    }

    public Map<String, InstanceType> instances() {
        return instances;
    }

    public Map<String, VolumeType> volumes() {
        return volumes;
    }

    public Optional<InstanceType> instance(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    public Optional<VolumeType> volume(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    /** Price of one vCPU-hour of surplus credits in unlimited mode. */
    public double unlimitedSurplusPerVcpuHour() {
        return unlimitedSurplusPerVcpuHour;
    }

    /** The same on an RDS T class, which RDS prices above EC2. */
    public double rdsSurplusPerVcpuHour() {
        return managed.rdsSurplusPerVcpuHour();
    }

    public Map<String, RdsClass> rdsClasses() {
        return managed.rdsClasses();
    }

    public Optional<RdsClass> rdsClass(String name) {
        return Optional.ofNullable(managed.rdsClasses().get(name));
    }

    public Map<String, RdsStorage> rdsStorage() {
        return managed.rdsStorage();
    }

    public Optional<RdsStorage> rdsStorage(String name) {
        return Optional.ofNullable(managed.rdsStorage().get(name));
    }

    public Map<String, InstanceType> cacheNodes() {
        return managed.cacheNodes();
    }

    public Optional<InstanceType> cacheNode(String name) {
        return Optional.ofNullable(managed.cacheNodes().get(name));
    }

    public Map<String, ManagedBalancer> balancers() {
        return managed.balancers();
    }

    public Optional<ManagedBalancer> balancer(String name) {
        return Optional.ofNullable(managed.balancers().get(name));
    }

    @SuppressWarnings("unchecked")
    private static Catalog load() {
        Map<String, Object> inst = read("instances.yaml");
        Map<String, Object> vol = read("volumes.yaml");
        Map<String, InstanceType> instances = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) inst.get("instances"))
                .forEach((name, m) -> instances.put(name, instance(name, m)));
        Map<String, VolumeType> volumes = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) vol.get("volumes")).forEach((name, m) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v instanceof Number n) {
                    values.put(k, n.doubleValue());
                }
            });
            volumes.put(name, new VolumeType(name, (String) m.get("kind"), Collections.unmodifiableMap(values)));
        });
        double surplus = num(((Map<String, Object>) inst.get("defaults")).get("unlimitedSurplusPerVcpuHour"));
        return new Catalog(instances, volumes, surplus, managed(instances));
    }

    @SuppressWarnings("unchecked")
    private static Managed managed(Map<String, InstanceType> ec2) {
        Map<String, Object> rds = read("rds.yaml");
        Map<String, RdsClass> classes = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) rds.get("classes")).forEach((name, m) -> {
            // An RDS class is the hardware of the EC2 type of the same name (rds.yaml, [class]).
            InstanceType base = ec2.get(name.substring("db.".length()));
            if (base == null) {
                throw new IllegalStateException("rds.yaml: " + name + " has no EC2 type in instances.yaml");
            }
            InstanceType type = new InstanceType(
                    name,
                    base.vcpus(),
                    base.memoryGiB(),
                    base.burst(),
                    base.ebs(),
                    num(m.get("singleAz")),
                    Service.RDS);
            classes.put(name, new RdsClass(type, num(m.get("multiAz"))));
        });
        Map<String, RdsStorage> storage = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) rds.get("storage"))
                .forEach((name, m) -> storage.put(
                        name,
                        new RdsStorage(
                                name,
                                num(m.get("pricePerGiBMonth")),
                                num(m.getOrDefault("includedIops", 0)),
                                num(m.getOrDefault("pricePerIopsMonth", 0)),
                                num(m.getOrDefault("includedThroughputMiBps", 0)),
                                num(m.getOrDefault("pricePerMiBpsMonth", 0)))));
        double rdsSurplus = num(((Map<String, Object>) rds.get("defaults")).get("surplusPerVcpuHour"));
        Map<String, InstanceType> nodes = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) read("elasticache.yaml").get("nodes"))
                .forEach((name, m) -> nodes.put(
                        name,
                        new InstanceType(
                                name,
                                (int) num(m.get("vcpus")),
                                num(m.get("memoryGiB")),
                                Optional.empty(),
                                Optional.empty(),
                                num(m.get("pricePerHour")),
                                Service.ELASTICACHE)));
        Map<String, ManagedBalancer> balancers = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) read("balancers.yaml").get("balancers"))
                .forEach((name, m) -> balancers.put(name, balancer(name, m)));
        return new Managed(
                Collections.unmodifiableMap(classes),
                Collections.unmodifiableMap(storage),
                rdsSurplus,
                Collections.unmodifiableMap(nodes),
                Collections.unmodifiableMap(balancers));
    }

    private static ManagedBalancer balancer(String name, Map<String, Object> m) {
        Optional<ManagedBalancer.CapacityUnit> unit = m.containsKey("pricePerUnitHour")
                ? Optional.of(new ManagedBalancer.CapacityUnit(
                        num(m.get("pricePerUnitHour")),
                        num(m.get("newConnectionsPerUnit")),
                        num(m.get("activeConnectionsPerUnit")),
                        num(m.get("gbPerUnitHour"))))
                : Optional.empty();
        return new ManagedBalancer(
                name,
                (String) m.get("description"),
                num(m.get("pricePerHour")),
                unit,
                num(m.getOrDefault("pricePerGb", 0)));
    }

    @SuppressWarnings("unchecked")
    static InstanceType instance(String name, Map<String, Object> m) {
        Optional<InstanceType.Burst> burst = m.containsKey("creditsPerHour")
                ? Optional.of(new InstanceType.Burst(
                        num(m.get("baselinePerVcpu")),
                        num(m.get("creditsPerHour")),
                        num(m.get("maxCredits")),
                        num(m.getOrDefault("launchCredits", 0))))
                : Optional.empty();
        Map<String, Object> e = (Map<String, Object>) m.get("ebs");
        Optional<InstanceType.EbsLimits> ebs = e == null
                ? Optional.empty()
                : Optional.of(new InstanceType.EbsLimits(
                        num(e.get("baselineMbps")),
                        num(e.get("burstMbps")),
                        num(e.get("baselineIops")),
                        num(e.get("burstIops"))));
        return new InstanceType(
                name, (int) num(m.get("vcpus")), num(m.get("memoryGiB")), burst, ebs, num(m.get("pricePerHour")));
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static Map<String, Object> read(String file) {
        try (InputStream in = Catalog.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("catalog file missing from the build: " + file);
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
