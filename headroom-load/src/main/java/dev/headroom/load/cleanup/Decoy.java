package dev.headroom.load.cleanup;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A run id of exactly the same form as the real one (same length, same prefix, a fresh random
 * suffix in the same alphabet) that no row can carry. A condition that selects rows for it selects
 * rows that are not the run's, whatever it looks like: that is how the cleanup catches
 * {@code run_id = :run OR 1=1} without understanding SQL.
 */
final class Decoy {
    /** Characters randomised at least: 36^6 or 16^6 ids, so the decoy is never another run's id by chance. */
    private static final int MIN_RANDOM = 6;

    private static final String HEX = "0123456789abcdef";
    private static final String DIGITS = "0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Decoy() {}

    static String of(String runId) {
        return of(runId, new SecureRandom());
    }

    static String of(String runId, RandomGenerator random) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String d = randomSuffix(runId, random);
            if (!d.equals(runId)) {
                return d;
            }
        }
        throw new IllegalStateException("cannot make a decoy for the run id '" + runId + "'");
    }

    /**
     * Replaces the last segment (after the last '-'), or the last {@value #MIN_RANDOM} characters if
     * it is shorter, keeping every other character and each replaced one's kind: digits stay digits,
     * letters letters of the same case, a hex suffix hex; punctuation is kept.
     */
    private static String randomSuffix(String runId, RandomGenerator random) {
        int segment = runId.lastIndexOf('-') + 1;
        int from = Math.max(0, Math.min(segment, runId.length() - MIN_RANDOM));
        String suffix = runId.substring(from);
        boolean hex = suffix.chars().allMatch(ch -> HEX.indexOf(ch) >= 0);
        StringBuilder out = new StringBuilder(runId.substring(0, from));
        for (char ch : suffix.toCharArray()) {
            out.append(replacement(ch, hex, random));
        }
        return out.toString();
    }

    private static char replacement(char ch, boolean hex, RandomGenerator random) {
        String alphabet;
        if (hex) {
            alphabet = HEX;
        } else if (DIGITS.indexOf(ch) >= 0) {
            alphabet = DIGITS;
        } else if (LOWER.indexOf(ch) >= 0) {
            alphabet = LOWER;
        } else if (UPPER.indexOf(ch) >= 0) {
            alphabet = UPPER;
        } else {
            return ch;
        }
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
