package dev.headroom.analysis.calibrate;

/**
 * What {@code headroom calibrate} writes to {@code calibration.json} in the measured run's
 * directory and what a report renders: the demands, where the spec and the simulated run are,
 * and the check of the model against the measurement.
 */
public record CalibrationReport(
        String format, String specFile, String simulatedRun, Calibration calibration, CalibrationCheck check) {
    public static final String FORMAT = "headroom-calibration/1";
}
