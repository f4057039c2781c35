package dev.headroom.sim.fleet;

import dev.headroom.model.architecture.Autoscaling;
import java.util.Locale;

/**
 * The scaling policies of a group, evaluated once per metric period on the period's average
 * metrics: target tracking (desired = ceil(in service x metric / target), as EC2 Auto Scaling
 * computes it) and step policies. A scale-out needs {@code scaleOutPeriods} periods in a row past
 * the threshold, a scale-in {@code scaleInPeriods}; nothing scales in while a new instance warms up
 * or within the cooldown of the last scale-in.
 */
public final class Autoscaler {
    /** A change of the desired count and why. */
    public record Decision(int desired, String reason) {}

    private final Autoscaling config;
    private int overTarget;
    private int underTarget;
    private final int[] stepRun;
    private long lastScaleInNanos = Long.MIN_VALUE / 2;

    public Autoscaler(Autoscaling config) {
        this.config = config;
        this.stepRun = new int[config.steps().size()];
    }

    /**
     * The period ending at {@code now} had average CPU {@code cpu} (0..1) and {@code requests}
     * per in-service instance per second over {@code counted} instances; the group wants
     * {@code desired} within {@code [min, max]}. Returns the new desired count, or null.
     */
    public Decision evaluate(
            long now, double cpu, double requests, int counted, int desired, int min, int max, boolean warming) {
        if (counted == 0) {
            return null;
        }
        int out = desired;
        String outReason = null;
        int in = Integer.MAX_VALUE;
        String inReason = null;
        if (config.target().isPresent()) {
            Autoscaling.Target t = config.target().get();
            double m = t.metric() == Autoscaling.Metric.CPU ? cpu : requests;
            overTarget = m > t.value() ? overTarget + 1 : 0;
            underTarget = m < t.value() ? underTarget + 1 : 0;
            int proposed = (int) Math.ceil(counted * m / t.value() - 1e-9);
            String why =
                    t.metric().label() + " " + format(t.metric(), m) + " vs target " + format(t.metric(), t.value());
            if (overTarget >= config.scaleOutPeriods() && proposed > out) {
                out = proposed;
                outReason = why + " for " + overTarget + " periods (target tracking)";
            }
            if (underTarget >= config.scaleInPeriods() && proposed < desired) {
                in = Math.max(1, proposed);
                inReason = why + " for " + underTarget + " periods (target tracking)";
            }
        }
        for (int i = 0; i < stepRun.length; i++) {
            Autoscaling.Step s = config.steps().get(i);
            double m = s.metric() == Autoscaling.Metric.CPU ? cpu : requests;
            boolean past = s.above() ? m > s.threshold() : m < s.threshold();
            stepRun[i] = past ? stepRun[i] + 1 : 0;
            int need = s.above() ? config.scaleOutPeriods() : config.scaleInPeriods();
            if (stepRun[i] < need) {
                continue;
            }
            String why = s.metric().label() + " " + format(s.metric(), m) + (s.above() ? " above " : " below ")
                    + format(s.metric(), s.threshold()) + " for " + stepRun[i] + " periods (step)";
            if (s.above() && counted + s.change() > out) {
                out = counted + s.change();
                outReason = why;
            } else if (!s.above() && desired + s.change() < in) {
                in = desired + s.change();
                inReason = why;
            }
        }
        if (out > desired && desired < max) {
            return new Decision(Math.min(max, out), outReason);
        }
        if (outReason == null
                && in < desired
                && desired > min
                && !warming
                && now - lastScaleInNanos >= config.cooldownNanos()) {
            lastScaleInNanos = now;
            return new Decision(Math.max(min, in), inReason);
        }
        return null;
    }

    private static String format(Autoscaling.Metric metric, double v) {
        return metric == Autoscaling.Metric.CPU
                ? String.format(Locale.US, "%.1f%%", v * 100)
                : String.format(Locale.US, "%.1f/s", v);
    }
}
