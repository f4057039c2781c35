package dev.headroom.model.catalog;

/** The AWS service that bills a line of the bill: a node is priced as what it really is. */
public enum Service {
    EC2("EC2"),
    RDS("RDS"),
    ELASTICACHE("ElastiCache"),
    ELB("ELB"),
    EBS("EBS");

    private final String label;

    Service(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
