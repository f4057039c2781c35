package dev.headroom.load.scenario;

import java.util.regex.Pattern;

/**
 * What may go into a request's head. HTTP/1.1 ends a header at CR LF and the request line at its
 * spaces (RFC 9112 sections 3 and 5), so a CR or LF in a header value, or a space in the path,
 * lets a scenario or a feeder row write headers and requests of its own: request smuggling
 * against the system under test. The scenario reader refuses such text as written; the request
 * writer checks what feeders fill in at send time with the same rules.
 */
public enum HeadSafety {
    /** A header value: no CR, LF or NUL (RFC 9110 section 5.5). */
    HEADER,
    /** The request target: no space and no control character. */
    REQUEST_LINE;

    /** A header name is an RFC 9110 token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public static boolean isHeaderName(String name) {
        return HEADER_NAME.matcher(name).matches();
    }

    /** The index of the first character that may not appear here, or -1. */
    public int firstUnsafe(CharSequence text) {
        return firstUnsafe(text, 0);
    }

    /** As {@link #firstUnsafe(CharSequence)}, looking from {@code from} on (what a template filled in). */
    public int firstUnsafe(CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean isUnsafe(char c) {
        return switch (this) {
            case HEADER -> c == '\r' || c == '\n' || c == 0;
            case REQUEST_LINE -> c <= ' ' || c == 0x7f;
        };
    }

    /** The text with its control characters written as escapes, so a message shows them. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
