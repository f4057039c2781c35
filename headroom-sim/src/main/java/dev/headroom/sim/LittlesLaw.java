package dev.headroom.sim;

/**
 * Little's law figures of one component over a run: L (mean number inside, busy plus waiting),
 * lambda (departures per second) and W (mean residence in seconds); L = lambda W should hold.
 */
public record LittlesLaw(
        String component, double meanInSystem, double departuresPerSecond, double meanResidenceSeconds) {
    public double relativeError() {
        double lw = departuresPerSecond * meanResidenceSeconds;
        return meanInSystem == 0 && lw == 0 ? 0 : Math.abs(meanInSystem - lw) / Math.max(meanInSystem, lw);
    }
}
