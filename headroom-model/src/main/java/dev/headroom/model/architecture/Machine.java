package dev.headroom.model.architecture;

import dev.headroom.model.catalog.InstanceType;

/**
 * The instance type a node runs on, with its credit mode and the credits it starts with (the
 * type's maximum for a long-running instance, its launch credits for a fresh one).
 */
public record Machine(InstanceType type, CreditMode creditMode, double initialCredits) {}
