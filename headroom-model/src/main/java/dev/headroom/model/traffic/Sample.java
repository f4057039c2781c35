package dev.headroom.model.traffic;

/**
 * One recorded value at a time in seconds (since the epoch for dated files, or as written), with
 * the line and column of its time in the file, so that a sorting or spacing error can point at it.
 */
public record Sample(double atSeconds, double value, int line, int column) {}
