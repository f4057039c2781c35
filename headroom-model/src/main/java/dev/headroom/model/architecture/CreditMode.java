package dev.headroom.model.architecture;

/** How a burstable instance behaves when its CPU credits run out. */
public enum CreditMode {
    /** Throttled to its baseline until it earns credits again. */
    STANDARD,
    /** Keeps running at full speed; the surplus credits are billed. */
    UNLIMITED
}
