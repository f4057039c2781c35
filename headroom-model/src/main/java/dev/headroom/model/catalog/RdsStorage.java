package dev.headroom.model.catalog;

/**
 * What RDS charges for a storage type, Single-AZ, per month: GiB stored, provisioned IOPS above
 * {@code includedIops}, MiB/s of throughput above {@code includedThroughputMiBps}. Multi-AZ pays
 * each twice. The volume's performance follows the EBS type of the same name. Sources are in
 * {@code rds.yaml}.
 */
public record RdsStorage(
        String name,
        double pricePerGiBMonth,
        double includedIops,
        double pricePerIopsMonth,
        double includedThroughputMiBps,
        double pricePerMiBpsMonth) {}
