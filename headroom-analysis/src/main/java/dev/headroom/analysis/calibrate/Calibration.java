package dev.headroom.analysis.calibrate;

import dev.headroom.analysis.usl.LoadStep;
import dev.headroom.model.run.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Service demands and capacities of a measured system, estimated with the utilisation law
 * ({@code D = U / X}, per interval, median over the intervals below the knee). Times are
 * milliseconds per request. {@code cpuMillis} is the process's CPU per request as measured and
 * {@code webCpuMillis} what the model's web tier gets once the CPU that the database work already
 * counts ({@code overlapMillis}, an embedded database running in the process) is taken out.
 * {@code kneeOfferedPerSecond} is null when the run never reached a knee. Estimates of metrics the
 * target does not have are null.
 */
public record Calibration(
        String runId,
        List<LoadStep> levels,
        Double kneeOfferedPerSecond,
        Estimate throughputPerSecond,
        Estimate cpuMillis,
        Estimate dbMillis,
        Estimate queries,
        Estimate poolWaitMillis,
        Estimate serverMillis,
        Double lowestLevelServerMillis,
        double overlapMillis,
        double webCpuMillis,
        int cores,
        Integer poolSize,
        Integer workers,
        List<ClassDemand> classes,
        List<String> notes) {

    public Calibration {
        levels = List.copyOf(levels);
        classes = List.copyOf(classes);
        notes = List.copyOf(notes);
    }

    /** The same calibration with one more note on what explains a difference. */
    public Calibration withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Calibration(
                runId,
                levels,
                kneeOfferedPerSecond,
                throughputPerSecond,
                cpuMillis,
                dbMillis,
                queries,
                poolWaitMillis,
                serverMillis,
                lowestLevelServerMillis,
                overlapMillis,
                webCpuMillis,
                cores,
                poolSize,
                workers,
                classes,
                more);
    }

    /**
     * The same calibration with each class's service-time shape: the p99 over the mean of its
     * latency at the lowest levels (where it barely queues), from {@code lowestLevel} by class name.
     * Classes without one keep exponential service times.
     */
    public Calibration withTails(Map<String, LatencySummary> lowestLevel) {
        List<ClassDemand> shaped = new ArrayList<>();
        for (ClassDemand d : classes) {
            LatencySummary l = lowestLevel.get(d.name());
            Double ratio = l == null || l.count() < MIN_TAIL_RESPONSES || !(l.mean() > 0)
                    ? null
                    : Math.max(MIN_TAIL_RATIO, Math.min(MAX_TAIL_RATIO, l.p99() / l.mean()));
            shaped.add(new ClassDemand(
                    d.name(),
                    d.endpoint(),
                    d.weight(),
                    d.serverMillis(),
                    d.cpuMillis(),
                    d.queries(),
                    d.dbMillisPerQuery(),
                    ratio));
        }
        return new Calibration(
                runId,
                levels,
                kneeOfferedPerSecond,
                throughputPerSecond,
                cpuMillis,
                dbMillis,
                queries,
                poolWaitMillis,
                serverMillis,
                lowestLevelServerMillis,
                overlapMillis,
                webCpuMillis,
                cores,
                poolSize,
                workers,
                shaped,
                notes);
    }

    /** Fewer responses than this at the lowest level and a p99 says little. */
    public static final long MIN_TAIL_RESPONSES = 200;
    /** A log-normal's p99 must lie above its mean and below about 14.9 times it. */
    static final double MIN_TAIL_RATIO = 1.1;

    static final double MAX_TAIL_RATIO = 14.0;

    /**
     * One request class of the model: its weight (responses in the measured run), the endpoint whose
     * server time apportioned the demands (null when one class stands for all), its demands, and
     * the p99 over the mean of its service times (null: exponential).
     */
    public record ClassDemand(
            String name,
            String endpoint,
            long weight,
            Double serverMillis,
            double cpuMillis,
            int queries,
            double dbMillisPerQuery,
            Double p99OverMean) {}
}
