package dev.headroom.cli;

/** What the terminal can show. */
final class Terminal {
    private Terminal() {}

    /** The width to fit output in: $COLUMNS when set, else 100. */
    static int width() {
        String cols = System.getenv("COLUMNS");
        if (cols != null) {
            try {
                return Math.max(60, Math.min(200, Integer.parseInt(cols.trim())));
            } catch (NumberFormatException e) {
                return 100;
            }
        }
        return 100;
    }
}
