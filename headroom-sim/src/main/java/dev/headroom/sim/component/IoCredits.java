package dev.headroom.sim.component;

import dev.headroom.model.architecture.IoBucket;

/**
 * An I/O credit bucket as a disk issues I/Os: credits accrue at the baseline IOPS (up to the
 * capacity), each I/O spends one, and while the balance is positive the device may issue at its
 * burst rate. Accounting is exact per I/O, so a bucket of B credits driven at R IOPS empties after
 * B / (R - baseline) seconds.
 */
public final class IoCredits {
    private final IoBucket bucket;
    private double balance;
    private long lastNanos;

    public IoCredits(IoBucket bucket) {
        this.bucket = bucket;
        this.balance = bucket.initialCredits();
    }

    private void advance(long now) {
        if (now > lastNanos) {
            balance = Math.min(bucket.capacity(), balance + bucket.baselineIops() * (now - lastNanos) / 1e9);
            lastNanos = now;
        }
    }

    /** The rate this device allows for an I/O issued now. */
    public double allowedIops(long now) {
        advance(now);
        return balance >= 1 ? bucket.burstIops() : bucket.baselineIops();
    }

    /** Spends one credit for an I/O issued now; true when that emptied the bucket. */
    public boolean spend(long now) {
        advance(now);
        boolean had = balance >= 1;
        balance -= 1;
        return had && balance < 1;
    }

    public double balance(long now) {
        advance(now);
        return Math.max(0, balance);
    }
}
