package dev.headroom.model.architecture;

/** How a load balancer picks a backend. */
public enum Routing {
    ROUND_ROBIN("round-robin"),
    LEAST_OUTSTANDING("least-outstanding");

    private final String specName;

    Routing(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }
}
