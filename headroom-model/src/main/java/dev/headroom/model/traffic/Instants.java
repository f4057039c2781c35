package dev.headroom.model.traffic;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ISO-8601 instants as monitoring exports write them: {@code 2025-11-28T10:00:00Z}, with an
 * offset ({@code +01:00}), fractions of a second, or a space for the {@code T}. Without an offset
 * the time is read as UTC, which is what CloudWatch and Prometheus export.
 */
public final class Instants {
    private static final Pattern DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ].*");

    private Instants() {}

    /** Whether {@code text} is written as a date and time (it may still be a bad one). */
    public static boolean looksDated(String text) {
        return DATE_START.matcher(text.trim()).matches();
    }

    /** Seconds since the epoch, or {@code NaN} if {@code text} is not an ISO-8601 date and time. */
    public static double epochSeconds(String text) {
        String s = text.trim();
        if (!looksDated(s)) {
            return Double.NaN;
        }
        s = s.substring(0, 10) + "T" + s.substring(11);
        s = s.toUpperCase(Locale.ROOT);
        try {
            return seconds(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return seconds(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Double.NaN;
            }
        }
    }

    private static double seconds(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }

    /** An epoch time as ISO-8601 in UTC, to the second ({@code 2025-11-28T10:00:00Z}). */
    public static String format(double epochSeconds) {
        return Instant.ofEpochSecond((long) Math.floor(epochSeconds)).toString();
    }
}
