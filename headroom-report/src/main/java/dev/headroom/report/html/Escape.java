package dev.headroom.report.html;

/** Escaping for the two places report.html puts text: HTML content and a JSON script block. */
final class Escape {
    private Escape() {}

    /** Text safe in HTML element content and in a quoted attribute value. */
    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON safe inside {@code <script type="application/json">}: {@code <}, {@code >} and {@code &}
     * become unicode escapes (so no string can close the script element or open a comment), and so
     * do U+2028 and U+2029 (line terminators to older JavaScript parsers). Outside strings JSON has
     * none of these characters, so the result parses to the same value.
     */
    static String jsonInScript(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
