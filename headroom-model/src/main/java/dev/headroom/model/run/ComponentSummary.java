package dev.headroom.model.run;

/**
 * Time averages for one component over the run: {@code servers} is its capacity (cores, worker
 * slots, connections; -1 when unlimited), {@code utilization} the mean fraction of it busy,
 * {@code meanInUse} and {@code meanWaiting} the mean numbers served and queued, and the residence
 * time of the requests that left it (waiting plus service), for Little's law.
 */
public record ComponentSummary(
        String kind,
        long servers,
        double utilization,
        double meanInUse,
        double meanWaiting,
        long maxWaiting,
        long departures,
        double throughputPerSecond,
        double meanResidenceMillis) {}
