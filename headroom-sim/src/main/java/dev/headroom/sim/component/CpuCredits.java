package dev.headroom.sim.component;

import dev.headroom.model.architecture.CreditMode;
import dev.headroom.model.architecture.Machine;
import dev.headroom.model.catalog.InstanceType;

/**
 * The CPU credit balance of one burstable instance (EC2 User Guide, "Key concepts and definitions
 * for burstable performance instances"). A credit is one vCPU at 100% for one minute; the instance
 * earns {@code creditsPerHour} continuously, up to its maximum, and spends what it uses. In
 * standard mode an empty balance throttles every vCPU to the baseline until credits are earned
 * again; in unlimited mode the instance keeps its full speed and the credits it spends beyond an
 * empty balance are surplus, billed per vCPU-hour. With a constant use of U vCPUs above the earn
 * rate E (credits per minute), a balance B lasts B / (U - E) minutes.
 */
public final class CpuCredits {
    /** Credits a throttled instance must earn before it runs at full speed again. */
    static final double RESUME_CREDITS = 1.0;

    private final double earnPerSecond;
    private final double maxCredits;
    private final double baseline;
    private final boolean standard;
    private double balance;
    private double surplus;
    private boolean throttled;

    public CpuCredits(Machine machine) {
        InstanceType.Burst b = machine.type().burst().orElseThrow();
        this.earnPerSecond = b.creditsPerHour() / 3600.0;
        this.maxCredits = b.maxCredits();
        this.baseline = b.baselinePerVcpu();
        this.standard = machine.creditMode() == CreditMode.STANDARD;
        this.balance = machine.initialCredits();
    }

    /**
     * Accounts {@code seconds} of time in which the instance's vCPUs were busy for
     * {@code busyCoreSeconds} at the current speed. Returns true when the balance ran out in it.
     */
    public boolean account(double busyCoreSeconds, double seconds) {
        double used = busyCoreSeconds * speed() / 60.0;
        double before = balance;
        balance = Math.min(maxCredits, balance + earnPerSecond * seconds - used);
        boolean exhausted = before > 0 && balance <= 0;
        if (balance < 0) {
            if (!standard) {
                surplus += -balance;
            }
            balance = 0;
        }
        if (standard) {
            if (balance <= 0) {
                throttled = true;
            } else if (throttled && balance >= RESUME_CREDITS) {
                throttled = false;
            }
        }
        return exhausted;
    }

    /** The fraction of full speed each vCPU runs at: 1, or the baseline while throttled. */
    public double speed() {
        return throttled ? baseline : 1.0;
    }

    public double balance() {
        return balance;
    }

    public double surplus() {
        return surplus;
    }

    public boolean throttled() {
        return throttled;
    }
}
