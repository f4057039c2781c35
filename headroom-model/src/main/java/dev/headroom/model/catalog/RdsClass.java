package dev.headroom.model.catalog;

/**
 * An RDS DB instance class: the hardware of the EC2 type it runs on, priced at RDS's Single-AZ
 * rate ({@code type.pricePerHour()}) and at its Multi-AZ rate (a primary with a standby in
 * another zone). Sources are in {@code rds.yaml}.
 */
public record RdsClass(InstanceType type, double multiAzPricePerHour) {
    public String name() {
        return type.name();
    }

    public double singleAzPricePerHour() {
        return type.pricePerHour();
    }
}
