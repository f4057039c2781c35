package dev.headroom.model.catalog;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * An EBS volume type and its rules: how IOPS follow from size (gp2, st1) or are provisioned
 * (gp3, io1, io2), the burst bucket if any, limits and prices. Sources are in {@code volumes.yaml}.
 */
public record VolumeType(String name, String kind, Map<String, Double> values) {

    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no " + key);
        }
        return v;
    }

    public OptionalDouble find(String key) {
        Double v = values.get(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public double minSizeGiB() {
        return get("minSizeGiB");
    }

    public double maxSizeGiB() {
        return get("maxSizeGiB");
    }

    public double pricePerGiBMonth() {
        return get("pricePerGiBMonth");
    }
}
