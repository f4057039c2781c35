package dev.headroom.model.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" suggestions: the closest valid name by edit distance. */
public final class Names {
    private Names() {}

    /** The valid name closest to {@code wrong}, if it is close enough to be a likely typo. */
    public static Optional<String> closest(String wrong, Collection<String> valid) {
        String w = wrong.toLowerCase(java.util.Locale.ROOT);
        return valid.stream()
                .min(Comparator.comparingInt((String v) -> distance(w, v.toLowerCase(java.util.Locale.ROOT)))
                        .thenComparing(v -> v))
                .filter(v -> {
                    String lv = v.toLowerCase(java.util.Locale.ROOT);
                    int d = distance(w, lv);
                    return d <= Math.max(2, v.length() / 3) || lv.startsWith(w) || w.startsWith(lv);
                });
    }

    /** "did you mean 'x'? valid: a, b, c" or "valid: a, b, c". */
    public static String suggest(String wrong, Collection<String> valid) {
        String list = "valid: " + String.join(", ", valid.stream().sorted().toList());
        return closest(wrong, valid)
                .map(c -> "did you mean '" + c + "'? " + list)
                .orElse(list);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
