package dev.headroom.analysis.calibrate;

/** A run that cannot be calibrated: the message says what is missing and how to fix it. */
public final class CalibrationException extends Exception {
    private static final long serialVersionUID = 1L;

    public CalibrationException(String message) {
        super(message);
    }
}
