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

/** The instance and volume types Headroom knows, read from the data files beside this class. */
public final class Catalog {
    private static final Catalog BUILT_IN = load();

    private final Map<String, InstanceType> instances;
    private final Map<String, VolumeType> volumes;
    private final double unlimitedSurplusPerVcpuHour;

    private Catalog(Map<String, InstanceType> instances, Map<String, VolumeType> volumes, double surplus) {
        this.instances = Collections.unmodifiableMap(instances);
        this.volumes = Collections.unmodifiableMap(volumes);
        this.unlimitedSurplusPerVcpuHour = surplus;
    }

    public static Catalog builtIn() {
        return BUILT_IN;
    }

    /** This catalog plus (or overriding) the given instance types, as a spec may add its own. */
    public Catalog with(List<InstanceType> extra) {
        Map<String, InstanceType> all = new LinkedHashMap<>(instances);
        extra.forEach(t -> all.put(t.name(), t));
        return new Catalog(all, new LinkedHashMap<>(volumes), unlimitedSurplusPerVcpuHour);
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
        return new Catalog(instances, volumes, surplus);
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
