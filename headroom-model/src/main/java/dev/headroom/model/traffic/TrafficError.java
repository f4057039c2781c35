package dev.headroom.model.traffic;

/**
 * One thing wrong in a recorded traffic file, at a 1-based line and column of that file: the
 * field it concerns (a CSV column's name, a JSON path), the value, the rule it broke and a fix.
 */
public record TrafficError(int line, int column, String field, String value, String rule, String fix) {}
