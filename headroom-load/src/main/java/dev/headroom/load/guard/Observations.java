package dev.headroom.load.guard;

import org.HdrHistogram.Histogram;

/** The value of a metric from histograms (microseconds) and counts, in the metric's unit. */
public final class Observations {
    private Observations() {}

    public static double value(
            Metric metric,
            Histogram latency,
            Histogram service,
            Histogram lag,
            Histogram wait,
            long completed,
            long errors,
            double seconds) {
        return switch (metric) {
            case P50 -> ms(latency, 50);
            case P90 -> ms(latency, 90);
            case P99 -> ms(latency, 99);
            case P999 -> ms(latency, 99.9);
            case MAX -> latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
            case MEAN -> latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1000.0;
            case SERVICE_P50 -> ms(service, 50);
            case SERVICE_P99 -> ms(service, 99);
            case SERVICE_MAX -> service.getTotalCount() == 0 ? 0 : service.getMaxValue() / 1000.0;
            case LAG_P50 -> ms(lag, 50);
            case LAG_P99 -> ms(lag, 99);
            case LAG_MAX -> lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1000.0;
            case WAIT_P50 -> ms(wait, 50);
            case WAIT_P99 -> ms(wait, 99);
            case WAIT_MAX -> wait.getTotalCount() == 0 ? 0 : wait.getMaxValue() / 1000.0;
            case ERRORS -> completed + errors == 0 ? 0 : (double) errors / (completed + errors);
            case THROUGHPUT -> seconds <= 0 ? 0 : completed / seconds;
        };
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
