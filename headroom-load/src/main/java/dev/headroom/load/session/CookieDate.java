package dev.headroom.load.session;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** The cookie-date algorithm of RFC 6265 section 5.1.1, which reads the date formats servers really send. */
final class CookieDate {
    static final long INVALID = Long.MIN_VALUE + 1;
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private CookieDate() {}

    /** Milliseconds since the epoch (UTC), or {@link #INVALID}. */
    static long parse(String text) {
        int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;
        for (String token : text.split("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (hour < 0 && token.matches("[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}([^0-9].*)?")) {
                String[] hms = token.split(":");
                hour = Integer.parseInt(hms[0]);
                minute = Integer.parseInt(hms[1]);
                second = Integer.parseInt(hms[2].replaceAll("[^0-9].*", ""));
            } else if (day < 0 && token.matches("[0-9]{1,2}([^0-9].*)?")) {
                day = Integer.parseInt(token.replaceAll("[^0-9].*", ""));
            } else if (month < 0
                    && token.length() >= 3
                    && MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) % 3 == 0) {
                month = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) / 3 + 1;
            } else if (year < 0 && token.matches("[0-9]{2,4}([^0-9].*)?")) {
                year = Integer.parseInt(token.replaceAll("[^0-9].*", ""));
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (day < 1 || day > 31 || month < 1 || year < 1601 || hour < 0 || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (java.time.DateTimeException e) {
            return INVALID;
        }
    }
}
